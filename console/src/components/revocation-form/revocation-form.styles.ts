import { css } from 'lit';

export const revocationFormStyles = css`
  form {
    padding: 1rem 1.25rem;
    gap: 0.75rem;
    max-width: 44rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  .state,
  .intro,
  .done {
    margin: 0;
  }
  .intro {
    color: var(--tsg-muted);
    font-size: 0.9rem;
  }
  .warn {
    padding: 0.4rem 0.6rem;
    border-radius: 4px;
    background: var(--tsg-warn-soft);
    color: var(--tsg-warn-text);
    font-weight: 600;
  }
  .done {
    min-height: 1.4em;
    color: var(--tsg-primary);
    font-weight: 600;
  }
`;
