import { css } from 'lit';

/**
 * Labelled fields in the console's own forms (login, lock, enrolment, password, invite, sign): a
 * bold label over its input, a muted hint below, inputs and selects with a visible border.
 */
export const fieldStyles = css`
  .field {
    display: grid;
    gap: 0.25rem;
    align-content: start;
  }
  label {
    font-weight: 600;
  }
  .hint {
    font-size: 0.85rem;
    color: var(--tsg-muted);
    margin: 0;
  }
  input:not([type='checkbox']),
  select {
    font: inherit;
    padding: 0.55rem 0.7rem;
    border: 1px solid #8c959f;
    border-radius: var(--tsg-radius);
    background: #fff;
    color: var(--tsg-text);
  }
  input:focus-visible,
  select:focus-visible {
    border-color: var(--tsg-focus);
  }
`;
