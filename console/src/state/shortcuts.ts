/** The keys of a keydown that the chat shortcuts look at. */
export type ShortcutKey = Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'key' | 'code'>;

/** A move between her chats, as {@link chatToSwitchTo} in chats.ts takes it. */
export type ChatMove = { step: 1 | -1 } | { index: number };

/**
 * Alt+↑/↓ moves between her chats, Alt+1…9 opens one by its number in the list; anything else
 * (other keys, or Ctrl/⌘ held too) is not a shortcut. Digits go by `code`, not `key`, because
 * Alt changes the character some layouts type.
 */
export function chatShortcut(e: ShortcutKey): ChatMove | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  if (e.key === 'ArrowDown') return { step: 1 };
  if (e.key === 'ArrowUp') return { step: -1 };
  if (/^Digit[1-9]$/.test(e.code)) return { index: Number(e.code.slice(5)) - 1 };
  return null;
}
