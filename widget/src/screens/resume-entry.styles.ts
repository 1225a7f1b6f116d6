import { css } from 'lit';

/** The code field: monospaced, wide enough for the whole code, 44 px tall. */
export const resumeEntryStyles = css`
  input {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.05rem;
    color: var(--_fg);
    background: var(--_bg);
    width: 100%;
    min-height: 44px;
    letter-spacing: 0.05em;
    border: 2px solid var(--_border);
    border-radius: 8px;
    padding: 0.2rem 0.5rem;
  }
`;
