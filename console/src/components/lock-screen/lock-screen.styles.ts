import { css } from 'lit';

export const lockScreenStyles = css`
  :host {
    display: block;
    max-width: 28rem;
    margin: 2rem auto;
  }
`;
