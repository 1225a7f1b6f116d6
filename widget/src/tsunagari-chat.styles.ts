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
    .head h2 {
      margin: 0;
      font-size: 1rem;
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
