import { css } from 'lit';

/** What the campaign list adds to the staff screen's own layout (staffAdminStyles: section, heading, intro, done). */
export const campaignAdminStyles = css`
  :host {
    display: block;
    margin-top: 1.5rem;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    min-width: 100%;
    background: var(--tsg-surface);
  }
  th,
  td {
    border: 1px solid var(--tsg-border);
    padding: 0.4rem 0.6rem;
    text-align: left;
  }
  code {
    font-size: 0.95rem;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5rem 1rem;
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    padding: 0.75rem 1rem;
  }
  form label {
    display: grid;
    gap: 0.2rem;
    font-weight: 600;
  }
  td label {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  input[type='text'] {
    font: inherit;
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--tsg-border);
    border-radius: 6px;
  }
`;
