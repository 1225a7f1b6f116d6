import { css } from 'lit';

export const handoffFormStyles = css`
  :host {
    margin: 0 0 0.75rem;
  }
  form {
    padding: 0.6rem 0.9rem;
    gap: 0.5rem;
  }
  h3 {
    font-size: 0.95rem;
  }
  fieldset {
    padding: 0.3rem 0.75rem 0.5rem;
  }
  .kinds {
    display: flex;
    flex-wrap: wrap;
    gap: 0.1rem 1.25rem;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 2rem;
    cursor: pointer;
  }
  .choice input {
    width: 1.1rem;
    height: 1.1rem;
    margin: 0;
    accent-color: var(--tsg-primary);
  }
  .when {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
  }
  .field label {
    font-weight: 600;
  }
  input[type='date'],
  input[type='time'] {
    font: inherit;
    border: 1px solid var(--tsg-muted);
    border-radius: 6px;
    padding: 0.35rem 0.5rem;
    min-height: 2.5rem;
  }
  .error {
    margin: 0;
    color: var(--tsg-danger);
  }
  .row {
    display: flex;
    gap: 0.5rem;
  }
  .booked {
    background: var(--tsg-primary-soft);
    border-radius: 6px;
    padding: 0.5rem 0.75rem;
  }
  .booked.warn {
    background: var(--tsg-warn-soft);
    color: var(--tsg-warn-text);
  }
  .booked p {
    margin: 0;
  }
  .booked button {
    margin-top: 0.4rem;
  }
  .code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.25rem;
    font-weight: 700;
    letter-spacing: 0.15em;
  }
`;
