import { css } from 'lit';
import { sharedStyles } from './shared.styles.js';

/**
 * Layout of `<tsunagari-chat>`: a launcher button fixed at the bottom corner, and a panel that
 * is a card on desktop and the whole screen on a phone (360 px and up).
 */
export const styles = [
  sharedStyles,
  css`
    :host {
      position: fixed;
      z-index: var(--tsunagari-z-index, 2147483000);
      inset: auto var(--tsunagari-inset, 16px) var(--tsunagari-inset, 16px) auto;
      font-size: var(--tsunagari-font-size, 1rem);
    }
    :host([mode='fullscreen']) {
      inset: 0;
      display: block;
    }
    :host([data-exiting]) .panel,
    :host([data-exiting]) .launcher {
      visibility: hidden;
    }
    /* Quick exit: fixed at the top of the viewport, above everything else the widget draws. */
    .exit {
      position: fixed;
      top: max(6px, env(safe-area-inset-top));
      right: max(6px, env(safe-area-inset-right));
      z-index: 2147483647;
      display: flex;
      flex-direction: column;
      align-items: center;
      line-height: 1.25;
      min-height: 44px;
      max-width: 10.5rem;
      text-align: center;
      padding: 0.35rem 0.75rem;
      border-radius: 8px;
      border: 2px solid #ffffff;
      background: var(--tsunagari-exit-background, #a4262c);
      color: #ffffff;
      font-size: 1rem;
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.35);
    }
    .exit:focus-visible {
      outline: 3px solid #1f2328;
      outline-offset: 2px;
    }
    .exit-hint {
      font-size: 0.6875rem;
      font-weight: 400;
    }
    .launcher {
      box-shadow: 0 2px 10px rgb(0 0 0 / 0.25);
      padding: 0.75rem 1.4rem;
      font-size: 1rem;
    }
    .panel {
      display: flex;
      flex-direction: column;
      width: min(400px, calc(100vw - 2 * var(--tsunagari-inset, 16px)));
      height: min(640px, calc(100dvh - 2 * var(--tsunagari-inset, 16px)));
      background: var(--_bg);
      color: var(--_fg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 6px 28px rgb(0 0 0 / 0.25);
      overflow: hidden;
    }
    :host([mode='fullscreen']) .panel {
      position: fixed;
      inset: 0;
      width: 100%;
      height: 100%;
      height: 100dvh;
      border: none;
      border-radius: 0;
      box-shadow: none;
    }
    @media (max-width: 480px) {
      .panel {
        position: fixed;
        inset: 0;
        width: 100vw;
        height: 100dvh;
        border: none;
        border-radius: 0;
      }
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.5rem 0.5rem 0.5rem 1rem;
      background: var(--_accent);
      color: var(--_accent-fg);
    }
    /* Where the panel reaches the top of the screen, leave room for the quick exit button. */
    :host([mode='fullscreen']) .head {
      padding-right: 11.25rem;
      min-height: 60px;
    }
    @media (max-width: 480px) {
      .head {
        padding-right: 11.25rem;
        min-height: 60px;
      }
    }
    .head h2 {
      margin: 0;
      font-size: 1rem;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.25rem 0.75rem;
      padding: 0.35rem 1rem;
      border-bottom: 1px solid var(--_surface);
      font-size: 0.875rem;
    }
    .lang {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    select,
    input.code-input {
      font: inherit;
      color: var(--_fg);
      background: var(--_bg);
      min-height: 40px;
      border: 2px solid var(--_border);
      border-radius: 8px;
      padding: 0.2rem 0.5rem;
    }
    input.code-input {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 1.05rem;
      width: 100%;
      min-height: 44px;
      letter-spacing: 0.05em;
    }
    button.small {
      min-height: 40px;
      padding: 0.2rem 0.9rem;
      font-size: 0.875rem;
    }
    .screen h4 {
      margin: 0.25rem 0 0;
      font-size: 1rem;
    }
    .safety {
      display: grid;
      gap: 0.5rem;
      padding: 0.75rem 0.9rem;
      border-radius: 8px;
      background: var(--_surface);
    }
    .emergency {
      list-style: none;
      padding-left: 0 !important;
    }
    a {
      color: var(--_accent);
      font-weight: 600;
      text-underline-offset: 2px;
    }
    a:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
      border-radius: 2px;
    }
    .error a {
      color: #5c1015;
    }
    .alternatives ul {
      list-style: none;
      padding-left: 0;
    }
    .note {
      font-size: 0.875rem;
      color: var(--_muted);
    }
    .next {
      font-size: 1.125rem;
      font-weight: 700;
    }
    fieldset {
      margin: 0;
      padding: 0.5rem 0.75rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: 8px;
      min-width: 0;
    }
    legend {
      font-weight: 700;
      padding: 0 0.25rem;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
    }
    .choice {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      min-height: 44px;
      padding: 0.25rem 0.75rem 0.25rem 0.5rem;
      border: 1px solid var(--_border);
      border-radius: 999px;
      background: var(--_bg);
      cursor: pointer;
    }
    .choice input {
      width: 1.2rem;
      height: 1.2rem;
      margin: 0;
      accent-color: var(--_accent);
    }
    .choice:has(input:checked) {
      border-color: var(--_accent);
      box-shadow: inset 0 0 0 1px var(--_accent);
      background: #e3f0f1;
    }
    .choice:has(input:focus-visible) {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .choice input:focus-visible {
      outline: none;
    }
    .actions.equal {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    }
    .code-box {
      display: grid;
      gap: 0.5rem;
      padding: 0.75rem 0.9rem;
      border: 2px solid var(--_accent);
      border-radius: 8px;
      background: var(--_bg);
    }
    .code-box h3 {
      margin: 0;
    }
    .code-box h3:focus {
      outline: none;
    }
    .code-box p {
      margin: 0;
    }
    .code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 1.2rem;
      font-weight: 700;
      letter-spacing: 0.06em;
      word-break: break-all;
      user-select: all;
    }
    .code-area {
      padding: 0 1rem;
    }
    .code-area .actions {
      margin: 0.4rem 0 0;
    }
    .code-area .code-box {
      margin-top: 0.5rem;
      max-height: 45vh;
      overflow-y: auto;
    }
    .notice {
      margin: 0;
      padding: 0.4rem 1rem;
      background: #e3f0f1;
    }
    .head button {
      border-color: var(--_accent-fg);
      min-height: 40px;
      padding: 0.25rem 0.9rem;
    }
    .head button:focus-visible {
      outline-color: var(--_accent-fg);
    }
    .status {
      margin: 0;
      padding: 0.4rem 1rem;
      font-size: 0.875rem;
      background: #fff4d6;
      color: #3d2e00;
    }
    .status:empty {
      display: none;
    }
    .screen {
      flex: 1;
      overflow-y: auto;
      padding: 1rem 1.25rem 1.25rem;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    .screen h3 {
      margin: 0.25rem 0 0;
      font-size: 1.125rem;
      line-height: 1.4;
    }
    .screen h3:focus {
      outline: none;
    }
    .screen h3:focus-visible {
      outline: 3px solid var(--_focus);
    }
    .screen p {
      margin: 0;
    }
    .screen ul {
      margin: 0;
      padding-left: 1.2rem;
      display: grid;
      gap: 0.4rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
    .queue {
      font-size: 1.25rem;
      font-weight: 700;
    }
    .error {
      padding: 0.6rem 0.8rem;
      border-left: 4px solid var(--_danger);
      background: #fbeaea;
      color: #5c1015;
    }
    .error h3 {
      margin: 0 0 0.4rem;
    }
    .chat {
      flex: 1;
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    .chat-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.25rem 0.5rem;
      padding: 0.5rem 1rem;
      border-bottom: 1px solid var(--_surface);
    }
    .chat-head p {
      margin: 0;
      font-weight: 600;
    }
    .chat-head button {
      min-height: 36px;
      padding: 0.2rem 0.8rem;
      font-size: 0.875rem;
    }
    tsunagari-chat-log {
      flex: 1;
    }
    .confirm {
      padding: 0.75rem 1rem;
      background: var(--_surface);
    }
    .confirm p {
      margin: 0 0 0.5rem;
    }
    tsunagari-composer {
      padding: 0.5rem 1rem 0.75rem;
      border-top: 1px solid var(--_surface);
    }
    @media (prefers-reduced-motion: no-preference) {
      .panel {
        animation: rise 160ms ease-out;
      }
      @keyframes rise {
        from {
          transform: translateY(8px);
          opacity: 0;
        }
      }
    }
  `,
];
