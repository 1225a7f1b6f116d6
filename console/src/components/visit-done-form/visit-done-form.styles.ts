import { css } from 'lit';

/** Beyond the compact form: room between it and the appointment table under it. */
export const visitDoneFormStyles = css`
  :host {
    display: block;
    margin: 0.5rem 0 1rem;
    max-width: 40rem;
  }
`;
