import { css } from 'lit';

export const queueListStyles = css`
  :host {
    display: block;
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
  }
  .count {
    font-weight: 500;
    color: var(--tsg-muted);
    font-size: 0.9rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    padding: 0.6rem 0.75rem;
  }
  li.urgent {
    border-color: var(--tsg-danger);
    border-left-width: 5px;
  }
  /* In a narrow column the button drops below the details instead of squeezing them. */
  .meta {
    flex: 1 1 11rem;
    min-width: 0;
  }
  .label {
    white-space: nowrap;
  }
  .meta p {
    margin: 0;
  }
  .title {
    font-weight: 600;
  }
  .sub {
    font-size: 0.85rem;
    color: var(--tsg-muted);
    overflow-wrap: anywhere;
  }
  .empty,
  .info {
    color: var(--tsg-muted);
    margin: 0.25rem 0;
  }
  .error {
    margin-bottom: 0.5rem;
  }
  button {
    white-space: nowrap;
    margin-left: auto;
  }
`;
