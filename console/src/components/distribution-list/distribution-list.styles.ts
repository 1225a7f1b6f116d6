import { css } from 'lit';

/** Beyond the case log's list look: on a phone the table scrolls sideways in its own box instead of breaking every word. */
export const distributionListStyles = css`
  .wide {
    overflow-x: auto;
    max-width: 100%;
  }
  th,
  td {
    white-space: nowrap;
  }
`;
