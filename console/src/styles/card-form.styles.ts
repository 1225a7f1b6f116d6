import { css } from 'lit';

/**
 * A form on a white card of its own (login, lock, enrolment, password change): a heading, a
 * muted introduction, fields (fieldStyles) stacked in a grid, a full-width main button and a busy line.
 */
export const cardFormStyles = css`
  .card {
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    border-radius: 12px;
    padding: 2rem;
  }
  h1,
  h2 {
    font-size: 1.5rem;
    margin: 0 0 0.5rem;
  }
  .intro,
  .note {
    color: var(--tsg-muted);
    margin: 0 0 1.25rem;
  }
  .note {
    font-size: 0.85rem;
    margin: 1.25rem 0 0;
  }
  form {
    display: grid;
    gap: 1rem;
  }
  button[type='submit'] {
    width: 100%;
    min-height: 2.9rem;
  }
  .busy {
    margin: 0;
    color: var(--tsg-primary);
    font-weight: 600;
    min-height: 1.6em;
    text-align: center;
  }
`;
