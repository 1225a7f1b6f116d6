import { css } from 'lit';

/** The settings form: a column of labelled fields, the hours grouped in one box. */
export const settingsFormStyles = css`
  :host {
    display: block;
    margin-top: 1.5rem;
  }
  form {
    display: grid;
    gap: 1rem;
    max-width: 40rem;
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    padding: 1rem;
  }
  fieldset {
    display: grid;
    gap: 0.6rem;
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
  }
  legend {
    font-weight: 600;
  }
  fieldset.days {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1rem;
  }
  .inline {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font-weight: normal;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }
  textarea {
    font: inherit;
    padding: 0.5rem;
    border: 1px solid #8c959f;
    border-radius: var(--tsg-radius);
  }
  .intro {
    color: var(--tsg-muted);
  }
  .error {
    color: var(--tsg-danger);
    margin: 0;
  }
  .done {
    color: var(--tsg-primary);
    margin: 0;
  }
`;
