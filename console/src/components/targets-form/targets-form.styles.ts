import { css } from 'lit';

export const targetsFormStyles = css`
  form {
    padding: 0.75rem 1rem;
    gap: 0.5rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
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
  input {
    min-height: 2.25rem;
    font: inherit;
    width: 100%;
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
    font-weight: 600;
  }
  .error:empty,
  .done:empty {
    display: none;
  }
`;
