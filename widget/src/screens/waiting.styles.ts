import { css } from 'lit';

/** Her place in line stands out; so does the line that her counselor is changing. */
export const waitingStyles = css`
  .notice {
    padding: 0.5rem 0.75rem;
    border-radius: 8px;
    background: #e3f0f1;
  }
  .queue {
    font-size: 1.25rem;
    font-weight: 700;
  }
`;
