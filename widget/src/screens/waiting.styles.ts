import { css } from 'lit';

/** Her place in line stands out. */
export const waitingStyles = css`
  .queue {
    font-size: 1.25rem;
    font-weight: 700;
  }
`;
