import { css } from 'lit';

/** The tables beside the charts read like the report's own tables. */
export const reportChartsStyles = css`
  :host { display: block; min-width: 0; }
  section { display: grid; gap: 1.25rem; min-width: 0; }
  section > * { min-width: 0; }
  h3 { font-size: 1.05rem; margin: 0; }
  table { border-collapse: collapse; background: var(--tsg-surface); font-variant-numeric: tabular-nums; }
  caption { text-align: left; font-weight: 600; padding: 0 0 0.3rem; }
  th, td { border: 1px solid var(--tsg-border); padding: 0.25rem 0.5rem; }
  thead th { background: #eef1f4; font-weight: 600; text-align: center; }
  tbody th, tfoot th { text-align: left; font-weight: 500; white-space: nowrap; }
  td { text-align: right; }
  tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--tsg-text); }
`;
