import { css } from 'lit';

export const caseLogListStyles = css`
  :host {
    display: block;
  }
  h3 {
    font-size: 1.05rem;
    margin: 0 0 0.5rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    background: var(--tsg-surface);
  }
  th,
  td {
    text-align: left;
    padding: 0.35rem 0.5rem;
    border-bottom: 1px solid var(--tsg-border);
    vertical-align: middle;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .empty {
    color: var(--tsg-muted);
  }
  .error {
    margin: 0;
    color: var(--tsg-danger);
  }
  .error:empty {
    display: none;
  }
`;
