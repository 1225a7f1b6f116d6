import { css } from 'lit';

/** Beyond the compact form's grid: the note that an entry is being corrected. */
export const caseLogFormStyles = css`
  .editing {
    margin: 0;
    padding: 0.4rem 0.6rem;
    border-radius: 6px;
    background: var(--tsg-warn-soft);
    color: var(--tsg-warn-text);
    font-weight: 600;
  }
`;
