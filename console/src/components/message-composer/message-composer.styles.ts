import { css } from 'lit';

export const messageComposerStyles = css`
  :host {
    display: block;
  }
  form {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25rem 0.75rem;
    align-items: end;
  }
  label {
    grid-column: 1 / -1;
    font-weight: 600;
  }
  textarea {
    font: inherit;
    resize: vertical;
    min-height: 4.5rem;
    max-height: 40vh;
    padding: 0.5rem 0.7rem;
    border: 1px solid #8c959f;
    border-radius: var(--tsg-radius);
    background: #fff;
    color: var(--tsg-text);
  }
  textarea:disabled {
    background: #eef0f2;
  }
  button {
    min-height: 2.75rem;
    min-width: 6rem;
  }
  .foot {
    grid-column: 1 / -1;
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    font-size: 0.85rem;
    color: var(--tsg-muted);
    margin: 0;
  }
  #composer-count {
    white-space: nowrap;
  }
  .over {
    color: var(--tsg-danger);
    font-weight: 600;
  }
`;
