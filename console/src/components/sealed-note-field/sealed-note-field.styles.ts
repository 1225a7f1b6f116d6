import { css } from 'lit';

/** The note field: full width under the compact form's grid, its warning on the soft yellow. */
export const sealedNoteFieldStyles = css`
  :host {
    display: block;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
    font-size: 0.9rem;
  }
  .optional {
    font-weight: 400;
    color: var(--tsg-muted);
  }
  textarea {
    font: inherit;
    width: 100%;
    min-height: 4.5rem;
    resize: vertical;
  }
  .has-note {
    margin: 0;
    padding: 0.3rem 0.6rem;
    border-radius: 6px;
    background: var(--tsg-warn-soft);
    color: var(--tsg-warn-text);
    font-size: 0.9rem;
  }
  .keys {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem;
  }
`;
