import { css } from 'lit';

export const passwordFormStyles = css`
  :host {
    display: block;
    max-width: 32rem;
  }
`;
