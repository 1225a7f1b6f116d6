import { css } from 'lit';

/** Her place in line stands out; so do the line that her counselor is changing and the still-waiting question. */
export const waitingStyles = css`
  .notice {
    padding: 0.5rem 0.75rem;
    border-radius: 8px;
    background: #e3f0f1;
  }
  .notice button {
    margin-bottom: 0.25rem;
  }
  .queue {
    font-size: 1.25rem;
    font-weight: 700;
  }
`;
