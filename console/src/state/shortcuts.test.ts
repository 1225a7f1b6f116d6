import { describe, expect, it } from 'vitest';
import { chatShortcut, type ShortcutKey } from './shortcuts.js';

const key = (over: Partial<ShortcutKey>): ShortcutKey => ({ altKey: true, ctrlKey: false, metaKey: false, key: '', code: '', ...over });

describe('chatShortcut', () => {
  it('steps with Alt+↓ and Alt+↑', () => {
    expect(chatShortcut(key({ key: 'ArrowDown' }))).toEqual({ step: 1 });
    expect(chatShortcut(key({ key: 'ArrowUp' }))).toEqual({ step: -1 });
  });

  it('picks by number with Alt+1…9, by the key’s code whatever character it types', () => {
    expect(chatShortcut(key({ code: 'Digit1', key: '¡' }))).toEqual({ index: 0 });
    expect(chatShortcut(key({ code: 'Digit9' }))).toEqual({ index: 8 });
    expect(chatShortcut(key({ code: 'Digit0' }))).toBeNull();
  });

  it('ignores keys without Alt, with Ctrl or ⌘ too, and other keys', () => {
    expect(chatShortcut(key({ altKey: false, key: 'ArrowDown' }))).toBeNull();
    expect(chatShortcut(key({ ctrlKey: true, key: 'ArrowDown' }))).toBeNull();
    expect(chatShortcut(key({ metaKey: true, code: 'Digit1' }))).toBeNull();
    expect(chatShortcut(key({ key: 'a', code: 'KeyA' }))).toBeNull();
  });
});
