import { css } from 'lit';

/**
 * Beyond the compact form's grid (and the case log's correcting note): a little more room per
 * field for the partner's name, and fields that keep their height when the partner's hint makes
 * its row taller.
 */
export const distributionFormStyles = css`
  :host {
    --tsg-field-min: 11rem;
  }
  .fields {
    align-items: start;
  }
`;
