import { css } from 'lit';

/**
 * The compact staff forms (the case log, the year's targets): labelled fields in a grid that fills
 * the width on a desktop and falls to one column on a phone, then a row with the button, the
 * error and the saved note. Each form sets its own column width with --tsg-field-min.
 */
export const compactFormStyles = css`
  form {
    padding: 0.75rem 1rem;
    gap: 0.5rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--tsg-field-min, 10rem), 1fr));
    gap: 0.5rem 0.75rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
    min-width: 0;
  }
  label {
    font-weight: 600;
    font-size: 0.9rem;
  }
  /* A long option label must not push its field out of the grid cell. */
  select,
  input {
    min-height: 2.25rem;
    font: inherit;
    width: 100%;
    min-width: 0;
    box-sizing: border-box;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .error,
  .done {
    margin: 0;
  }
  .error {
    color: var(--tsg-danger);
  }
  .done {
    color: var(--tsg-text);
    font-weight: 600;
  }
  .error:empty,
  .done:empty {
    display: none;
  }
`;
