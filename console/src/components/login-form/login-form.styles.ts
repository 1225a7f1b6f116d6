import { css } from 'lit';

/** The card itself is cardFormStyles; the login card is narrow and centred. */
export const loginFormStyles = css`
  :host {
    display: block;
    max-width: 26rem;
    margin: 0 auto;
  }
`;
