import { css } from 'lit';

/**
 * The chat: a title row with the end button, notices, the resume-code area, the log (which
 * takes the room that is left) and the composer.
 */
export const chatStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    flex: 1;
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
  p {
    margin: 0;
  }
  .notice {
    padding: 0.4rem 1rem;
    background: #e3f0f1;
  }
  .typing {
    padding: 0.25rem 1rem 0;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .typing:empty {
    padding: 0;
  }
  .error {
    margin: 0.5rem 1rem 0;
  }
  .confirm {
    padding: 0.75rem 1rem;
    background: var(--_surface);
  }
  .confirm p {
    margin: 0 0 0.5rem;
  }
  .code-area {
    flex: 0 1 auto;
    min-height: 0;
    overflow-y: auto;
    padding: 0.5rem 0.75rem;
  }
  /* The log takes what is left; while the code box is open it gives way down to two lines. */
  ::slotted([slot='log']) {
    flex: 1 1 0;
    min-height: 2.5rem;
    border-top: 1px solid var(--_surface);
  }
  /* A short screen (the keyboard is open): the panel scrolls, so the log keeps a few lines. */
  @media (max-height: 30rem) {
    ::slotted([slot='log']) {
      flex-basis: 6rem;
    }
  }
  ::slotted([slot='composer']) {
    padding: 0.5rem 1rem 0.75rem;
    border-top: 1px solid var(--_surface);
  }
`;
