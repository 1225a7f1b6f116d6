import { css } from 'lit';

export const staffInviteFormStyles = css`
  form {
    padding: 1rem;
    gap: 0.75rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0.75rem 1rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
    align-content: start;
  }
  label {
    font-weight: 600;
  }
  input,
  select {
    font: inherit;
    padding: 0.45rem 0.6rem;
    border: 1px solid #8c959f;
    border-radius: var(--tsg-radius);
    background: #fff;
    color: var(--tsg-text);
    min-height: 2.5rem;
  }
  .hint {
    margin: 0;
    font-size: 0.85rem;
    color: var(--tsg-muted);
  }
  .made {
    margin-top: 0.75rem;
    padding: 1rem;
    border: 1px solid var(--tsg-primary);
    background: var(--tsg-primary-soft);
    border-radius: var(--tsg-radius);
    display: grid;
    gap: 0.4rem;
  }
  .row {
    display: flex;
    gap: 0.5rem;
  }
  #invite-link {
    flex: 1;
    min-width: 0;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.9rem;
  }
  .copied {
    margin: 0;
    min-height: 1.4em;
    color: var(--tsg-primary);
    font-weight: 600;
  }
`;
