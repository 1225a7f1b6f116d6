import { css } from 'lit';

/**
 * The flyer on screen (a dialog over the console) and on paper (the page alone). The page is laid
 * out in `em` of one font size per paper size, so A4 is the A6 design at twice the size; its box
 * is exactly the paper (the print margin is 0, see flyer-print.ts) and its padding is the margin.
 */
export const flyerSheetStyles = css`
  :host {
    display: block;
    position: fixed;
    inset: 0;
    z-index: 10;
    overflow: auto;
    background: #e8e6e3;
  }
  .dialog {
    display: flex;
    flex-wrap: wrap;
    gap: 1.5rem;
    align-items: flex-start;
    padding: 1.5rem;
  }
  .controls {
    display: grid;
    gap: 0.75rem;
    max-width: 22rem;
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    padding: 1rem;
  }
  .controls h2 {
    margin: 0;
    font-size: 1.15rem;
  }
  fieldset {
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    display: flex;
    gap: 1rem;
  }
  fieldset label {
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
  }
  .hint {
    margin: 0;
    color: var(--tsg-muted);
    font-size: 0.9rem;
  }

  /* ---- the page ---- */
  .page {
    --accent: #0b5d63;
    --fs: 2.3mm;
    width: 105mm;
    height: 148mm;
    overflow: hidden;
    background: #fff;
    color: #111;
    font-size: var(--fs);
    line-height: 1.35;
    padding: 1.9em 2em;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    box-shadow: 0 2px 8px rgb(0 0 0 / 25%);
  }
  .page.a4 {
    --fs: 4.6mm;
    width: 210mm;
    height: 297mm;
  }
  p,
  h3,
  h4,
  ul {
    margin: 0;
  }
  .title {
    font-size: 1.9em;
    line-height: 1.2;
    color: var(--accent);
  }
  h4 {
    font-size: 1.05em;
    border-bottom: 0.08em solid var(--accent);
    margin-bottom: 0.2em;
  }
  .h-other {
    font-weight: normal;
    font-size: 0.85em;
  }
  .easy,
  .en {
    font-size: 0.88em;
    color: #333;
  }
  .ja.lead,
  .ja.hours {
    font-weight: 700;
  }
  .ja.hours {
    font-size: 1.2em;
  }
  .qr-row {
    display: flex;
    gap: 0.9em;
    align-items: center;
    border: 0.12em solid var(--accent);
    border-radius: 0.5em;
    padding: 0.5em;
  }
  .qr {
    width: 14em;
    height: 14em;
    flex: none;
    image-rendering: pixelated;
  }
  .ja.scan {
    font-size: 1.15em;
    font-weight: 700;
  }
  .url {
    margin-top: 0.3em;
    font-size: 0.8em;
    word-break: break-all;
  }
  ul {
    padding-left: 1.1em;
  }
  .ways {
    list-style: square;
  }
  .safety {
    background: #f1f6f5;
    border-radius: 0.5em;
    padding: 0.45em 0.6em;
  }
  .safety li + li {
    margin-top: 0.25em;
  }

  @media print {
    :host {
      position: static;
      overflow: visible;
      background: none;
    }
    .dialog {
      display: block;
      padding: 0;
    }
    .controls {
      display: none;
    }
    .page {
      box-shadow: none;
      break-inside: avoid;
    }
  }
`;
