import { css } from 'lit';

export const routingPanelStyles = css`
  :host { display: grid; gap: 1rem; }
  h2 { font-size: 1rem; margin: 0 0 0.5rem; }
  fieldset { border: 1px solid var(--tsg-border); border-radius: var(--tsg-radius); background: var(--tsg-surface); margin: 0; padding: 0.5rem 0.75rem 0.75rem; }
  legend { font-weight: 700; padding: 0 0.25rem; }
  .choices { display: flex; gap: 1rem; flex-wrap: wrap; }
  .choices label { display: inline-flex; align-items: center; gap: 0.35rem; min-height: 2.5rem; cursor: pointer; }
  .choices input { width: 1.15rem; height: 1.15rem; accent-color: var(--tsg-primary); }
  .intro { margin: 0 0 0.5rem; font-size: 0.9rem; color: var(--tsg-muted); }
  .load { margin: 0.25rem 0 0; color: var(--tsg-muted); font-size: 0.9rem; }
  .offers ul, .counselors ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  .offer { border: 2px solid var(--tsg-primary); background: var(--tsg-warn-soft); color: var(--tsg-warn-text); border-radius: var(--tsg-radius); padding: 0.6rem 0.75rem; display: grid; gap: 0.4rem; animation: pulse 1.2s ease-in-out 3; }
  .offer.urgent { border-color: var(--tsg-danger); }
  .offer p { margin: 0; color: var(--tsg-text); }
  .offer .meta { font-size: 0.9rem; color: var(--tsg-warn-text); }
  @keyframes pulse { 50% { box-shadow: 0 0 0 4px rgba(11, 93, 99, 0.35); } }
  @media (prefers-reduced-motion: reduce) { .offer { animation: none; } }
  .counselors li { display: grid; grid-template-columns: 1fr auto; gap: 0.25rem 0.5rem; align-items: center; background: var(--tsg-surface); border: 1px solid var(--tsg-border); border-radius: var(--tsg-radius); padding: 0.5rem 0.75rem; }
  .counselors .name { font-weight: 600; }
  .counselors .sub { grid-column: 1 / -1; color: var(--tsg-muted); font-size: 0.9rem; margin: 0; }
  .counselors form { display: flex; gap: 0.4rem; align-items: center; grid-column: 1 / -1; }
  .counselors input { width: 4rem; font: inherit; min-height: 2.5rem; padding: 0.25rem 0.4rem; border: 1px solid var(--tsg-muted); border-radius: 6px; }
  .error { color: var(--tsg-danger); margin: 0.25rem 0 0; min-height: 0; }
  .error:empty { display: none; }
  .badge-urgent { background: var(--tsg-danger); color: #fff; border-radius: 4px; padding: 0 0.4rem; font-size: 0.8rem; font-weight: 700; }
  `;
