import { css } from 'lit';
import { sharedStyles } from './shared.styles.js';

/**
 * The shell of `<tsunagari-chat>`: the quick exit button, the launcher, and a panel that is a
 * card on desktop and the whole screen on a phone, with its title bar, language row and status
 * line. Each screen styles itself (`screens/*.styles.ts`).
 *
 * The exit button is fixed at the top right of the viewport, above everything. Where the panel
 * reaches the top of the screen (phone, landing page) the title bar is exactly as tall as the
 * button plus its margins, and leaves room on the right for it, so the two never overlap. On a
 * phone the button is one line (its Shift hint stays for screen readers: phones have no Shift).
 */
export const styles = [
  sharedStyles,
  css`
    :host {
      position: fixed;
      z-index: var(--tsunagari-z-index, 2147483000);
      inset: auto var(--tsunagari-inset, 16px) var(--tsunagari-inset, 16px) auto;
      font-size: var(--tsunagari-font-size, 1rem);
      --_exit-gap: 6px;
      --_exit-h: 44px;
      --_exit-room: 9.25rem;
    }
    :host([mode='fullscreen']) {
      inset: 0;
      display: block;
    }
    :host([data-exiting]) .panel,
    :host([data-exiting]) .launcher {
      visibility: hidden;
    }
    .exit {
      position: fixed;
      top: max(var(--_exit-gap), env(safe-area-inset-top));
      right: max(var(--_exit-gap), env(safe-area-inset-right));
      z-index: 2147483647;
      display: flex;
      flex-direction: column;
      justify-content: center;
      align-items: center;
      line-height: 1.25;
      min-height: var(--_exit-h);
      white-space: nowrap;
      padding: 0.2rem 0.75rem;
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
    /* やさしい日本語: lines break at the spaces it is written with (sharedStyles says why). */
    .panel.easy {
      --_word-break: keep-all;
      word-break: keep-all;
    }
    :host([mode='fullscreen']) .panel {
      position: fixed;
      inset: 0;
      width: 100%;
      height: 100dvh;
      border: none;
      border-radius: 0;
      box-shadow: none;
    }
    /* On a wide landing page the screen keeps a readable line length. */
    :host([mode='fullscreen']) .panel > :last-child {
      width: 100%;
      max-width: 48rem;
      align-self: center;
    }
    .head {
      display: flex;
      align-items: center;
      padding: 0.5rem 1rem;
      background: var(--_accent);
      color: var(--_accent-fg);
    }
    .head h2 {
      margin: 0;
      font-size: 1rem;
      line-height: 1.3;
    }
    /* The landing page on a wide screen: the hint shows, the button is two lines. */
    :host([mode='fullscreen']) {
      --_exit-h: 3.25rem;
      --_exit-room: 16rem;
    }
    :host([mode='fullscreen']) .head {
      min-height: calc(var(--_exit-h) + 2 * var(--_exit-gap));
      padding-right: var(--_exit-room);
    }
    /* A phone: the panel is the whole screen; the exit button is one line, 44 px. */
    @media (max-width: 480px) {
      :host,
      :host([mode='fullscreen']) {
        --_exit-h: 44px;
        --_exit-room: 9.25rem;
      }
      .panel,
      :host([mode='fullscreen']) .panel {
        position: fixed;
        inset: 0;
        width: 100vw;
        height: 100dvh;
        border: none;
        border-radius: 0;
      }
      .head,
      :host([mode='fullscreen']) .head {
        min-height: calc(var(--_exit-h) + 2 * var(--_exit-gap));
        padding-right: var(--_exit-room);
      }
      .exit-hint {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
    }
    /* Very narrow (200% zoom on a phone): the exit button gets a row of its own above the title. */
    @media (max-width: 300px) {
      .head,
      :host([mode='fullscreen']) .head {
        padding: calc(var(--_exit-h) + 2 * var(--_exit-gap)) 0.75rem 0.4rem;
        min-height: 0;
      }
      .tools {
        padding-inline: 0.75rem;
      }
    }
    /* A short screen (the phone keyboard is open): the whole panel scrolls, nothing is cut off. */
    @media (max-height: 30rem) {
      .panel,
      :host([mode='fullscreen']) .panel {
        overflow-y: auto;
      }
      .panel > * {
        flex: 0 0 auto;
        min-height: auto;
      }
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
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
    }
    select {
      font: inherit;
      color: var(--_fg);
      background: var(--_bg);
      min-height: 40px;
      max-width: 100%;
      border: 2px solid var(--_border);
      border-radius: 8px;
      padding: 0.2rem 0.5rem;
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
