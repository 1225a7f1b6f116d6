import { css } from 'lit';
import { sharedStyles } from '../shared.styles.js';

/**
 * What every screen shares: the scrolling body, headings, lists, button rows, error and note
 * text, links, the safety box. Each screen adds its own `x.styles.ts` where it needs more.
 */
export const screenStyles = [
  sharedStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      flex: 1;
      min-height: 0;
    }
    .screen {
      flex: 1;
      overflow-y: auto;
      padding: 1rem 1.25rem 1.25rem;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    h3 {
      margin: 0.25rem 0 0;
      font-size: 1.125rem;
      line-height: 1.4;
    }
    h4 {
      margin: 0.25rem 0 0;
      font-size: 1rem;
    }
    p {
      margin: 0;
    }
    ul {
      margin: 0;
      padding-left: 1.2rem;
      display: grid;
      gap: 0.4rem;
    }
    .actions {
      margin-top: 0.5rem;
    }
    .error h3 {
      margin: 0 0 0.4rem;
    }
    a {
      color: var(--_accent);
      font-weight: 600;
      text-underline-offset: 2px;
    }
    a:focus-visible {
      border-radius: 2px;
    }
    .error a {
      color: #5c1015;
    }
    .note {
      font-size: 0.875rem;
      color: var(--_muted);
    }
    .safety {
      display: grid;
      gap: 0.5rem;
      padding: 0.75rem 0.9rem;
      border-radius: 8px;
      background: var(--_surface);
    }
    .nobr {
      white-space: nowrap;
    }
    .link {
      min-height: 44px;
      padding: 0;
      border: none;
      background: none;
      color: var(--_accent);
      font-weight: 600;
      text-align: start;
      text-decoration: underline;
      text-underline-offset: 2px;
      border-radius: 2px;
    }
    ul.plain {
      list-style: none;
      padding-left: 0;
    }
  `,
];
