import { css } from 'lit';

/** Beyond the report's table look: a box the wide table scrolls in (focus ring from baseStyles), text cells to the left, and a table that fits the page when printed. */
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
  /* On paper nothing scrolls: the seven columns share the page, headers and partner names wrap. */
  @media print {
    table {
      width: 100%;
      table-layout: fixed;
    }
    th,
    td.text {
      white-space: normal;
      overflow-wrap: anywhere;
    }
  }
`;
