import { css } from 'lit';

export const reportWaitsStyles = css`
  section { gap: 0.75rem; }
  .note { margin: 0; color: var(--tsg-muted); font-size: 0.9rem; }
  table.waits thead th { white-space: normal; min-width: 4.5rem; }
  td.empty { text-align: left; color: var(--tsg-muted); }
  details summary { cursor: pointer; font-weight: 600; min-height: 2rem; }
  @media print {
    details { display: none; }
  }
`;
