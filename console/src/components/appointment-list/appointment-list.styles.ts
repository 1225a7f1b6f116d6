import { css } from 'lit';

/** The table itself is tableStyles (styles/table.styles.ts). */
export const appointmentListStyles = css`
  :host {
    display: block;
    /* On a narrow window the six columns scroll sideways rather than squeeze the codes. */
    overflow: auto;
  }
  h2 {
    font-size: 1.25rem;
    margin: 0 0 0.25rem;
  }
  h3 {
    font-size: 1rem;
    margin: 0 0 0.25rem;
  }
  .intro,
  .hint {
    margin: 0 0 0.5rem;
    color: var(--tsg-muted);
    font-size: 0.9rem;
  }
  .search {
    margin: 0.75rem 0 0.5rem;
  }
  .search label {
    display: block;
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  #appt-code {
    font: inherit;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.1rem;
    letter-spacing: 0.15em;
    text-transform: uppercase;
    width: 10rem;
    border: 1px solid var(--tsg-muted);
    border-radius: 6px;
    padding: 0.35rem 0.5rem;
    min-height: 2.5rem;
  }
  .notice {
    margin: 0.25rem 0;
  }
  .found {
    background: var(--tsg-primary-soft);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    padding: 0.6rem 0.9rem;
    margin: 0.5rem 0;
    max-width: 40rem;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 0.25rem 1rem;
    margin: 0 0 0.5rem;
  }
  dt {
    font-size: 0.85rem;
    color: var(--tsg-muted);
  }
  dd {
    margin: 0;
  }
  .error {
    margin: 0;
    color: var(--tsg-danger);
  }
  .code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.1rem;
    font-weight: 700;
    letter-spacing: 0.15em;
    white-space: nowrap;
  }
  tr.done td,
  tr.done th,
  tr.no_show td,
  tr.no_show th,
  tr.cancelled td,
  tr.cancelled th {
    color: var(--tsg-muted);
  }
`;
