import { css } from 'lit';

export const chatPanelStyles = css`
  .handover {
    background: var(--tsg-warn-soft);
    color: var(--tsg-text);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    padding: 0.6rem 0.9rem;
    margin: 0 0 0.75rem;
    display: grid;
    gap: 0.35rem;
    flex: 0 0 auto;
    max-height: 9rem;
    overflow-y: auto;
  }
  .handover h3 {
    font-size: 0.95rem;
    margin: 0;
  }
  .handover p {
    margin: 0;
  }
  .handover .note {
    white-space: pre-wrap;
  }
  .handover .who {
    display: block;
    font-size: 0.85rem;
    color: var(--tsg-warn-text);
  }
  .typing {
    min-height: 1.4em;
    margin: 0.25rem 0 0;
    font-size: 0.9rem;
    color: var(--tsg-muted);
  }
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: 100%;
  }
  section {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: 100%;
    /* The record form can be taller than the screen: the chat scrolls as a whole then. */
    overflow-y: auto;
  }
  tsg-case-record-form {
    flex: 0 0 auto;
  }
  /* Margins rather than gap, so empty live regions (kept for announcements) take no space. */
  section > * + * {
    margin-top: 0.75rem;
  }
  section > :empty {
    margin-top: 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  h2 {
    font-size: 1.2rem;
    margin: 0;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--tsg-focus);
  }
  .campaign {
    color: var(--tsg-muted);
    font-size: 0.9rem;
    margin: 0;
  }
  .actions {
    margin-left: auto;
    display: flex;
    gap: 0.5rem;
  }
  .confirm {
    background: var(--tsg-danger-soft);
    border: 1px solid var(--tsg-danger);
    border-radius: var(--tsg-radius);
    padding: 0.75rem 1rem;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .confirm p {
    margin: 0;
    flex: 1 1 16rem;
  }
  .confirm p.note {
    flex-basis: 100%;
    font-size: 0.85rem;
  }
  .banner {
    margin: 0;
    padding: 0.6rem 0.9rem;
    border-radius: var(--tsg-radius);
    background: var(--tsg-warn-soft);
    color: var(--tsg-warn-text);
    font-weight: 600;
  }
  .banner.ended {
    background: #eceff2;
    color: var(--tsg-text);
  }
  /* A gap or a repeat in her messages: said calmly, under the log where the messages are. */
  .order .banner {
    background: #eceff2;
    color: var(--tsg-text);
    font-weight: 400;
  }
  .log {
    flex: 1;
    min-height: 8rem;
    overflow-y: auto;
    list-style: none;
    margin: 0;
    padding: 0.75rem;
    background: var(--tsg-surface);
    border: 1px solid var(--tsg-border);
    border-radius: var(--tsg-radius);
    display: flex;
    flex-direction: column;
    gap: 0.6rem;
  }
  .log li {
    max-width: min(36rem, 85%);
    padding: 0.45rem 0.75rem;
    border-radius: 12px;
  }
  .log li.client {
    align-self: flex-start;
    background: #eef1f4;
  }
  .log li.counselor {
    align-self: flex-end;
    background: var(--tsg-primary-soft);
  }
  .who {
    margin: 0;
    font-size: 0.8rem;
    color: var(--tsg-muted);
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .text.unreadable {
    color: var(--tsg-muted);
    font-style: italic;
  }
  .placeholder {
    color: var(--tsg-muted);
    align-self: center;
  }
  .none {
    color: var(--tsg-muted);
    margin: 2rem auto;
    text-align: center;
  }
`;
