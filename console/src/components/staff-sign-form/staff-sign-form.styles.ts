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
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;
