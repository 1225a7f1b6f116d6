import { css } from 'lit';

export const viewSwitchStyles = css`
  :host {
    display: block;
    flex: 0 0 auto;
    margin: 0 0 0.75rem;
  }
  div {
    display: flex;
    gap: 0.5rem;
    border-bottom: 1px solid var(--tsg-border);
    padding-bottom: 0.5rem;
  }
  /* Stronger than the shared .btn-secondary:hover, so the shown screen keeps white on teal under the mouse. */
  .btn-secondary[aria-pressed='true'],
  .btn-secondary[aria-pressed='true']:hover:not(:disabled) {
    background: var(--tsg-primary);
    color: #fff;
    font-weight: 600;
  }
`;
