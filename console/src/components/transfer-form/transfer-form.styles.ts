import { css } from 'lit';

export const transferFormStyles = css`
  :host {
    display: block;
    flex: 0 0 auto;
    margin: 0 0 0.75rem;
  }
  form {
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    padding: 0.6rem 0.9rem;
    display: grid;
    gap: 0.35rem;
  }
  h3 {
    font-size: 0.95rem;
    margin: 0;
  }
  select,
  textarea {
    font: inherit;
    border: 1px solid var(--tsg-muted);
    border-radius: 6px;
    padding: 0.35rem 0.5rem;
    min-height: 2.5rem;
  }
  .row {
    display: flex;
    gap: 0.5rem;
  }
`;
