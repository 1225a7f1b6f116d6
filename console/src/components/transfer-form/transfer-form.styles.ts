import { css } from 'lit';

export const transferFormStyles = css`
  :host {
    margin: 0 0 0.75rem;
  }
  form {
    padding: 0.6rem 0.9rem;
    gap: 0.35rem;
  }
  h3 {
    font-size: 0.95rem;
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
