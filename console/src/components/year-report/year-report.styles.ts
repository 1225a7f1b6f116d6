import { css } from 'lit';

export const yearReportStyles = css`
  :host {
    display: block;
    overflow-y: auto;
  }
  section {
    display: grid;
    gap: 0.75rem;
    align-content: start;
  }
  h2 {
    font-size: 1.2rem;
    margin: 0;
  }
  .intro,
  .note,
  .loading {
    margin: 0;
    color: var(--tsg-muted);
    font-size: 0.9rem;
  }
  .loading:empty {
    display: none;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  label {
    font-weight: 600;
  }
  select {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--tsg-muted);
    border-radius: 6px;
    background: var(--tsg-surface);
  }
  table {
    border-collapse: collapse;
    background: var(--tsg-surface);
    font-variant-numeric: tabular-nums;
  }
  table.months {
    width: 100%;
    max-width: 48rem;
  }
  /* A wide table scrolls sideways inside its own labelled, focusable box: a 360 px phone keeps its page width. */
  .scroller {
    overflow-x: auto;
    max-width: 100%;
    position: relative;
  }
  /* Scrolled rather than squeezed: the headings keep readable lines instead of one character each. */
  .scroller table.months {
    min-width: 34rem;
  }
  .scroller:focus-visible {
    outline: 3px solid var(--tsg-primary);
    outline-offset: 2px;
  }
  caption {
    text-align: left;
    font-weight: 700;
    padding: 0 0 0.3rem;
  }
  th,
  td {
    border: 1px solid var(--tsg-border);
    padding: 0.3rem 0.6rem;
  }
  thead th {
    background: #eef1f4;
    font-weight: 600;
    text-align: center;
    white-space: nowrap;
  }
  tbody th,
  tfoot th {
    text-align: left;
    font-weight: 500;
    white-space: nowrap;
  }
  td {
    text-align: right;
  }
  tfoot th,
  tfoot td {
    font-weight: 700;
    border-top: 2px solid var(--tsg-text);
  }
  td.empty {
    text-align: left;
    color: var(--tsg-muted);
  }
  .by {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
    gap: 1rem 1.5rem;
    align-items: start;
  }
  /* Seven columns since the nuisance one: their long headings wrap so the table fits the pane. */
  table.months thead th {
    white-space: normal;
  }
  .by table {
    width: 100%;
  }
  /* Long names (ほかの相談方法へ…) wrap inside their column rather than run into the next table. */
  .by tbody th {
    white-space: normal;
  }
  /* Printed: the figures only (no year picker, buttons or targets form), tables within the page. */
  @media print {
    :host { overflow: visible; }
    .scroller { overflow: visible; }
    .controls, .loading, .error, tsg-targets-form { display: none; }
    table.months { max-width: none; font-size: 8.5pt; }
    table { break-inside: avoid; }
  }
`;
