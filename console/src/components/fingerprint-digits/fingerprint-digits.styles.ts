import { css } from 'lit';

export const fingerprintDigitsStyles = css`
  :host {
    display: block;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-weight: 600;
    margin: 0 0 0.35rem;
  }
  .digits {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1rem;
    font-family: ui-monospace, 'SFMono-Regular', 'Menlo', 'Consolas', monospace;
    font-variant-numeric: tabular-nums;
    font-size: 2rem;
    font-weight: 700;
    letter-spacing: 0.08em;
    color: var(--tsg-text);
  }
  :host([size='small']) .digits {
    font-size: 1.05rem;
    gap: 0.2rem 0.6rem;
  }
  .group {
    white-space: nowrap;
  }
`;
