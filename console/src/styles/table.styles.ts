import { css } from 'lit';

/**
 * A staff table (appointments, the staff directory): full width on white, a caption, a soft
 * header row, row headers in normal weight, and a row's buttons in a wrapping group.
 */
export const tableStyles = css`
  table {
    border-collapse: collapse;
    width: 100%;
    background: var(--tsg-surface);
    margin-top: 0.5rem;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0.25rem 0;
  }
  th,
  td {
    border-bottom: 1px solid var(--tsg-border);
    padding: 0.4rem 0.6rem;
    text-align: left;
    vertical-align: middle;
  }
  thead th {
    background: var(--tsg-primary-soft);
    font-size: 0.9rem;
  }
  tbody th {
    font-weight: 400;
    white-space: nowrap;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  .actions button {
    min-height: 2.25rem;
    padding: 0.2rem 0.7rem;
  }
  .empty {
    color: var(--tsg-muted);
  }
`;
