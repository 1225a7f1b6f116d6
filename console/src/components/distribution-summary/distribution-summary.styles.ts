import { css } from 'lit';

/** Beyond the report's table look: a box the wide table scrolls in (focus ring from baseStyles), and text cells to the left. */
export const distributionSummaryStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5rem;
    overflow: visible;
    min-width: 0;
  }
  .wide {
    overflow-x: auto;
    max-width: 100%;
  }
  td.text {
    text-align: left;
    white-space: nowrap;
  }
`;
