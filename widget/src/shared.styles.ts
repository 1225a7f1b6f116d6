import { css } from 'lit';

/**
 * Styles every shadow root of the widget shares: buttons, the focus ring, hidden labels.
 * Colours come from custom properties (`--tsunagari-*`) so an NPO can theme it; the defaults
 * meet WCAG AA contrast.
 */
export const sharedStyles = css`
  :host {
    --_accent: var(--tsunagari-accent, #1d5f68);
    --_accent-fg: var(--tsunagari-accent-contrast, #ffffff);
    --_bg: var(--tsunagari-background, #ffffff);
    --_fg: var(--tsunagari-foreground, #1f2328);
    --_muted: var(--tsunagari-muted, #4d5561);
    --_surface: var(--tsunagari-surface, #f1f4f5);
    --_border: var(--tsunagari-border, #8a949e);
    --_danger: var(--tsunagari-danger, #a4262c);
    --_focus: var(--tsunagari-focus, #b3541e);
    --_radius: var(--tsunagari-radius, 12px);
    font-family: var(--tsunagari-font, system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans JP', sans-serif);
    line-height: 1.6;
    /* Break Japanese lines between phrases, not in the middle of a word (Chromium 119+). やさしい
       日本語 is written with a space between its phrases, and the phrase model misreads runs of
       kana (た|しかめられません): there the panel sets --_word-break to keep-all (break at its spaces). */
    word-break: var(--_word-break, auto-phrase);
    /* …but a phrase (or an address) wider than a narrow screen may still break: never sideways scrolling. */
    overflow-wrap: anywhere;
    color: var(--_fg);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0.5rem 1.1rem;
    border-radius: 999px;
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-fg);
    cursor: pointer;
    font-weight: 600;
  }
  button.secondary {
    background: var(--_bg);
    color: var(--_accent);
  }
  button.link {
    min-height: 0;
    padding: 0.1rem 0.2rem;
    border: none;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    border-radius: 4px;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /* Headings that script focuses when a screen changes (tabindex -1, never reached by Tab): no
     ring, as GOV.UK does; every control keeps the ring above. */
  [tabindex='-1']:focus {
    outline: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .error {
    padding: 0.6rem 0.8rem;
    border-left: 4px solid var(--_danger);
    background: #fbeaea;
    color: #5c1015;
  }
  button.small {
    min-height: 40px;
    padding: 0.2rem 0.9rem;
    font-size: 0.875rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
