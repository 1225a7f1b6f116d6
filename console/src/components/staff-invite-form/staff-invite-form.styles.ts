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
