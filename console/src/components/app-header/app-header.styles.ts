import { css } from 'lit';

export const appHeaderStyles = css`
  :host {
    display: block;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.6rem 1.25rem;
    background: var(--tsg-surface);
    border-bottom: 1px solid var(--tsg-border);
  }
  h1 {
    font-size: 1.05rem;
    margin: 0;
    color: var(--tsg-primary);
    white-space: nowrap;
  }
  h1 span {
    color: var(--tsg-muted);
    font-weight: 500;
    margin-left: 0.15rem;
  }
  /* Logging out: still focusable (aria-disabled), so it looks busy rather than disabled. */
  button[aria-disabled='true'] {
    cursor: progress;
  }
  button[aria-disabled='true']:hover {
    background: var(--tsg-surface);
  }
  .spacer {
    flex: 1;
  }
  /* A long name and role (スーパーバイザー（デモ）（スーパーバイザー）) wrap on a 360 px phone rather than widen the page. */
  .who {
    margin: 0;
    min-width: 0;
  }
  .who .role {
    color: var(--tsg-muted);
    margin-left: 0.25rem;
    white-space: nowrap;
  }
  .conn {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    padding: 0.2rem 0.75rem;
    border-radius: 999px;
    background: var(--tsg-warn-soft);
    color: var(--tsg-warn-text);
    font-weight: 600;
  }
  .conn.disconnected {
    background: var(--tsg-danger-soft);
    color: var(--tsg-danger);
  }
  .conn button {
    min-height: 2rem;
    padding: 0.1rem 0.7rem;
  }
`;
