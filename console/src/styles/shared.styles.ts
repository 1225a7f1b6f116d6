import { css } from 'lit';

/**
 * Tokens and base rules every component adopts. Colours are picked for at least 4.5:1 contrast
 * on their backgrounds (most reach 7:1); the focus ring is thick and blue so it shows on both the
 * light surfaces and the teal buttons.
 */
export const baseStyles = css`
  :host {
    --tsg-bg: #f6f4f1;
    --tsg-surface: #ffffff;
    --tsg-text: #1f2328;
    --tsg-muted: #555e68;
    --tsg-border: #c9d1d9;
    --tsg-primary: #0b5d63;
    --tsg-primary-hover: #084a4f;
    --tsg-primary-soft: #e2f0ee;
    --tsg-danger: #a3231b;
    --tsg-danger-soft: #fcebe9;
    --tsg-warn-soft: #fff4d6;
    --tsg-warn-text: #5c4100;
    --tsg-focus: #1a56db;
    --tsg-radius: 8px;
    box-sizing: border-box;
    color: var(--tsg-text);
    font-family: system-ui, 'Hiragino Sans', 'Noto Sans JP', 'Yu Gothic UI', sans-serif;
    line-height: 1.6;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--tsg-focus);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--tsg-radius);
    min-height: 2.5rem;
    padding: 0.4rem 1rem;
  }
  button:disabled {
    cursor: not-allowed;
  }
  .btn-primary {
    background: var(--tsg-primary);
    color: #fff;
    border: 1px solid var(--tsg-primary);
    font-weight: 600;
  }
  .btn-primary:hover:not(:disabled) {
    background: var(--tsg-primary-hover);
  }
  .btn-primary:disabled {
    background: #5b6b6e;
    border-color: #5b6b6e;
  }
  .btn-secondary {
    background: var(--tsg-surface);
    color: var(--tsg-primary);
    border: 1px solid var(--tsg-primary);
  }
  .btn-secondary:hover:not(:disabled) {
    background: var(--tsg-primary-soft);
  }
  .btn-danger {
    background: var(--tsg-surface);
    color: var(--tsg-danger);
    border: 1px solid var(--tsg-danger);
  }
  .btn-danger-solid {
    background: var(--tsg-danger);
    color: #fff;
    border: 1px solid var(--tsg-danger);
    font-weight: 600;
  }
  .badge-urgent {
    display: inline-block;
    background: var(--tsg-danger);
    color: #fff;
    font-size: 0.8rem;
    font-weight: 700;
    border-radius: 4px;
    padding: 0 0.4rem;
  }
  .error {
    color: var(--tsg-danger);
    background: var(--tsg-danger-soft);
    border-left: 4px solid var(--tsg-danger);
    padding: 0.5rem 0.75rem;
    border-radius: 4px;
    margin: 0;
  }
  /* Kept in the accessibility tree while empty, so screen readers announce it when it fills. */
  .error:empty {
    padding: 0;
    border: 0;
  }
`;

/**
 * A staff form in a chat panel (case record, hand-off, transfer): the element a block that keeps
 * its height in the panel's column, the form a bordered white box laid out as a grid. Each form
 * sets its own padding, gap and heading size.
 */
export const formBoxStyles = css`
  :host {
    display: block;
    flex: 0 0 auto;
  }
  form {
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    display: grid;
  }
  h3 {
    margin: 0;
  }
`;

/**
 * The staff forms' groups (the case record, the hand-off booking): a bordered fieldset with a
 * bold legend and a muted line of explanation. Each form sets its own fieldset padding.
 */
export const formGroupStyles = css`
  .intro,
  .hint {
    margin: 0;
    font-size: 0.9rem;
    color: var(--tsg-muted);
  }
  fieldset {
    border: 1px solid var(--tsg-border);
    border-radius: 6px;
    margin: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
`;
