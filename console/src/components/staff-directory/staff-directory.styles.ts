import { css } from 'lit';

export const staffDirectoryStyles = css`
  :host {
    display: block;
  }
  /* On a narrow window the seven columns scroll sideways rather than squeeze. */
  .scroll {
    overflow-x: auto;
  }
  /* Short words and dates stay on one line; the name and the actions may wrap. */
  td:nth-child(3),
  td:nth-child(4),
  td:nth-child(5),
  td:nth-child(6) {
    white-space: nowrap;
  }
  .sub {
    font-size: 0.85rem;
    color: var(--tsg-muted);
  }
  .status.pending {
    font-weight: 700;
    color: var(--tsg-warn-text);
  }
  tr.disabled th,
  tr.disabled td {
    color: var(--tsg-muted);
  }
  .warn {
    display: inline-block;
    white-space: normal;
    max-width: 14rem;
    margin-top: 0.2rem;
    padding: 0 0.4rem;
    border-radius: 4px;
    background: var(--tsg-warn-soft);
    color: var(--tsg-warn-text);
    font-size: 0.85rem;
    font-weight: 600;
  }
  .bad {
    color: var(--tsg-danger);
    font-weight: 600;
  }
`;
