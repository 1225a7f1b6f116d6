import { css } from 'lit';

/**
 * The week table (over tableStyles): a sticky counselor column, day columns wide enough for a time and a kind,
 * closed days greyed (with their word in the header, not colour alone), the interview day tinted,
 * and on a phone the table scrolls sideways inside its focusable region.
 */
export const calendarWeekStyles = css`
  :host {
    display: block;
  }
  h2 {
    font-size: 1.25rem;
    margin: 0 0 0.25rem;
  }
  .intro {
    margin: 0 0 0.5rem;
    color: var(--tsg-muted);
    font-size: 0.9rem;
  }
  .nav {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0.5rem 0;
  }
  .week {
    font-weight: 600;
  }
  .scroller {
    overflow-x: auto;
    max-width: 100%;
    /* The containing block of the cells' visually hidden text, which would otherwise widen the page past the scroller. */
    position: relative;
  }
  /* On top of tableStyles: a grid of cells, each read top down. */
  table {
    min-width: 48rem;
    table-layout: fixed;
  }
  th,
  td {
    border: 1px solid var(--tsg-border);
    padding: 0.35rem 0.4rem;
    vertical-align: top;
    font-size: 0.9rem;
  }
  thead th.closed,
  td.closed {
    background: #eceae6;
  }
  thead th.interview {
    background: var(--tsg-warn-soft);
  }
  .who {
    width: 5.5rem;
    position: sticky;
    left: 0;
    background: var(--tsg-surface);
    font-weight: 600;
  }
  thead .who {
    background: var(--tsg-primary-soft);
  }
  .date {
    display: block;
  }
  .tag {
    display: inline-block;
    font-size: 0.8rem;
    font-weight: 400;
    border: 1px solid currentColor;
    border-radius: 4px;
    padding: 0 0.3rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.3rem;
  }
  .appt {
    border-left: 4px solid var(--tsg-primary);
    background: var(--tsg-primary-soft);
    border-radius: 4px;
    padding: 0.2rem 0.35rem;
    display: flex;
    flex-direction: column;
    line-height: 1.35;
    /* A narrow day column wraps an item's words rather than spilling into the next day. */
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .appt.interview {
    border-left-color: #7a4d00;
    background: var(--tsg-warn-soft);
  }
  .appt.cancelled .kind,
  .appt.cancelled time {
    text-decoration: line-through;
  }
  .appt.cancelled,
  .appt.no_show {
    background: #f1f1f1;
    border-left-color: var(--tsg-muted);
  }
  time {
    font-weight: 600;
  }
  .code {
    font-family: ui-monospace, monospace;
    font-size: 0.8rem;
  }
  .status {
    font-size: 0.8rem;
    color: var(--tsg-muted);
  }
  .override {
    font-size: 0.8rem;
    color: var(--tsg-danger);
  }
  .empty,
  .loading {
    color: var(--tsg-muted);
  }
`;
