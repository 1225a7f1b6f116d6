import { css } from 'lit';

/** Beyond the case log's list look: on a phone the table scrolls sideways in its own box instead of breaking every word. */
export const distributionListStyles = css`
  /* relative: the buttons' visually hidden labels (absolutely placed) stay inside the box, not widen the page. */
  .wide {
    position: relative;
    overflow-x: auto;
    max-width: 100%;
  }
  th,
  td {
    white-space: nowrap;
  }
`;
