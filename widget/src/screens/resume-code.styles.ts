import { css } from 'lit';

/**
 * The resume-code box. The code is shown in its groups, each kept whole on a line, so that on a
 * phone it reads (and copies down) as "ABCD-EFGH-…" rather than breaking mid-group.
 */
export const resumeCodeStyles = css`
  :host {
    display: block;
  }
  .box {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 0.9rem;
    border: 2px solid var(--_accent);
    border-radius: 10px;
    background: var(--_bg);
  }
  h3 {
    margin: 0;
    font-size: 1.0625rem;
    line-height: 1.4;
  }
  p {
    margin: 0;
  }
  .code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.25rem;
    font-weight: 700;
    letter-spacing: 0.04em;
    line-height: 1.5;
    padding: 0.4rem 0.6rem;
    border-radius: 6px;
    background: var(--_surface);
    user-select: all;
  }
  .code span {
    display: inline-block;
    white-space: nowrap;
  }
  .actions {
    gap: 0.5rem;
  }
  .actions button {
    flex: 1 1 auto;
  }
`;
