import { css } from 'lit';

export const staffWorkspaceStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    height: 100dvh;
    background: var(--tsg-bg);
  }
  .body {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: 22rem 1fr;
  }
  nav {
    overflow-y: auto;
    padding: 1rem;
    border-right: 1px solid var(--tsg-border);
    display: grid;
    align-content: start;
    gap: 1.5rem;
  }
  main {
    min-width: 0;
    min-height: 0;
    padding: 1rem 1.25rem;
    display: flex;
    flex-direction: column;
  }
  /* One of the two screens of the main area (chats or year report, and 予約). */
  .view {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  .view[hidden],
  tsg-view-switch[hidden] {
    display: none;
  }
  /* The staff and password screens are taller than the window: they scroll on their own. */
  .view.scroll:not([hidden]) {
    overflow-y: auto;
    display: block;
  }
  .view.caselog tsg-case-log-list {
    margin-top: 1rem;
  }
  /* minmax(0, …): the list's wide table scrolls in its own box rather than widen the screen. */
  .view.caselog .distribution {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
    margin-top: 1.5rem;
  }
  nav[inert] {
    opacity: 0.6;
  }
  .locked-note {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-radius: var(--tsg-radius);
    background: var(--tsg-warn-soft);
    color: var(--tsg-warn-text);
    font-weight: 600;
  }
  tsg-chat-panel {
    flex: 1;
  }
  tsg-appointment-list {
    flex: 1;
    min-height: 0;
  }
  tsg-year-report {
    flex: 1;
    min-height: 0;
  }
  @media (max-width: 1024px) {
    .body {
      grid-template-columns: 17rem 1fr;
    }
  }
  /* Narrow screens: the lists above the chat, the page scrolls as a whole. */
  @media (max-width: 760px) {
    :host {
      height: auto;
      min-height: 100vh;
    }
    .body {
      grid-template-columns: 1fr;
    }
    nav {
      border-right: 0;
      border-bottom: 1px solid var(--tsg-border);
    }
    main {
      min-height: 80vh;
    }
  }
  /* Printing (the year report for the prefecture): only the screen shown, flowing over A4 pages. */
  @media print {
    :host { display: block; height: auto; background: none; }
    tsg-app-header, nav, tsg-view-switch { display: none; }
    .body { display: block; }
    main { padding: 0; display: block; }
    .view:not([hidden]) { display: block; }
  }
`;
