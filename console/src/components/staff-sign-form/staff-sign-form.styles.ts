import { css } from 'lit';

export const staffSignFormStyles = css`
  form {
    padding: 1rem 1.25rem;
    gap: 0.8rem;
    border-color: var(--tsg-primary);
    max-width: 44rem;
  }
  h3 {
    font-size: 1.1rem;
  }
  .intro {
    margin: 0;
  }
  tsg-fingerprint-digits {
    padding: 0.75rem 1rem;
    background: var(--tsg-primary-soft);
    border-radius: var(--tsg-radius);
    user-select: none;
  }
  .field {
    display: grid;
    gap: 0.2rem;
  }
  label {
    font-weight: 600;
  }
  input:not([type='checkbox']) {
    font: inherit;
    padding: 0.45rem 0.6rem;
    border: 1px solid #8c959f;
    border-radius: var(--tsg-radius);
    background: #fff;
    color: var(--tsg-text);
  }
  #sign-typed {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.3rem;
    letter-spacing: 0.08em;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  .check input {
    width: 1.2rem;
    height: 1.2rem;
  }
  .hint {
    margin: 0;
    font-size: 0.85rem;
    color: var(--tsg-muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;
