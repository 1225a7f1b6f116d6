import { css } from 'lit';

export const chatListStyles = css`
  :host {
    display: block;
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
  }
  button {
    width: 100%;
    text-align: left;
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    color: var(--tsg-text);
    padding: 0.5rem 0.75rem;
  }
  button:hover {
    border-color: var(--tsg-primary);
  }
  button[aria-current='true'] {
    background: var(--tsg-primary-soft);
    border-color: var(--tsg-primary);
    box-shadow: inset 4px 0 0 var(--tsg-primary);
  }
  .label {
    font-weight: 600;
    white-space: nowrap;
  }
  .phase {
    font-size: 0.85rem;
    color: var(--tsg-muted);
  }
  .phase.ended {
    text-decoration: none;
  }
  .unread {
    margin-left: auto;
    background: var(--tsg-primary);
    color: #fff;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 700;
    padding: 0 0.55rem;
  }
  .since {
    flex-basis: 100%;
    font-size: 0.85rem;
    color: var(--tsg-muted);
  }
  .key {
    font-size: 0.75rem;
    font-weight: 700;
    border: 1px solid var(--tsg-muted);
    color: var(--tsg-muted);
    border-radius: 4px;
    padding: 0 0.3rem;
    line-height: 1.4;
  }
  .hint {
    font-size: 0.85rem;
    color: var(--tsg-muted);
    margin: 0 0 0.5rem;
  }
  .empty {
    color: var(--tsg-muted);
    margin: 0.25rem 0;
  }
`;
