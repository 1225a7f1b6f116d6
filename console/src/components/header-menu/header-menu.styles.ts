import { css } from 'lit';

export const headerMenuStyles = css`
  :host {
    display: block;
    position: relative;
  }
  .panel {
    position: absolute;
    right: 0;
    top: calc(100% + 0.4rem);
    z-index: 10;
    width: min(22rem, 90vw);
    display: grid;
    gap: 0.6rem;
    padding: 1rem;
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    box-shadow: 0 6px 20px rgb(0 0 0 / 12%);
  }
  .panel[hidden] {
    display: none;
  }
  .hint {
    margin: 0;
    font-size: 0.85rem;
    color: var(--tsg-muted);
  }
`;
