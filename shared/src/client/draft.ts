import { MAX_MESSAGE_CHARS } from '../protocol/limits.js';

/** What a message draft in the text box allows, as both composers show and enforce it. */
export interface DraftCheck {
  /** The text that would be sent: the draft without surrounding white space. */
  text: string;
  /** True when the draft is longer than the server accepts (UTF-16 length, as its schema counts). */
  over: boolean;
  /** True when there is something to send and it is not too long. */
  sendable: boolean;
}

/**
 * Checks a draft against the message limit. `over` is measured on the draft as she sees it,
 * so the send button, the shortcut and the "too long" note always agree.
 */
export function checkDraft(draft: string): DraftCheck {
  const text = draft.trim();
  const over = draft.length > MAX_MESSAGE_CHARS;
  return { text, over, sendable: text !== '' && !over };
}

/** The parts of a key press the send shortcut looks at (a DOM `KeyboardEvent` has them). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  isComposing: boolean;
}

/**
 * True for Ctrl/⌘ + Enter outside an IME composition. Plain Enter makes a new line: Japanese
 * input confirms a conversion with Enter, and phones have no other way to break a line.
 */
export function isSendShortcut(e: KeyPress): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing;
}
