import { css } from 'lit';

/** Compact: every field on one or two lines at desktop width, one column on a phone. */
export const caseLogFormStyles = css`
  form {
    padding: 0.75rem 1rem;
    gap: 0.5rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  .editing {
    margin: 0;
    padding: 0.4rem 0.6rem;
    border-radius: 6px;
    background: var(--tsg-warn-soft);
    color: var(--tsg-warn-text);
    font-weight: 600;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
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
  /* A long outcome label must not push its select out of the grid cell. */
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
  .error {
    margin: 0;
    color: var(--tsg-danger);
  }
  .error:empty,
  .done:empty {
    display: none;
  }
  .done {
    margin: 0;
    color: var(--tsg-text);
    font-weight: 600;
  }
`;
