import { css } from 'lit';

/** Beyond the compact form's grid: wider columns for the longer target names. */
export const targetsFormStyles = css`
  :host {
    --tsg-field-min: 12rem;
  }
`;
