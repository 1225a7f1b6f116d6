import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../protocol/limits.js';
import { checkDraft, isSendShortcut } from './draft.js';

describe('checkDraft', () => {
  it('sends the trimmed text', () => {
    expect(checkDraft('  こんにちは \n')).toEqual({ text: 'こんにちは', over: false, sendable: true });
  });

  it('has nothing to send for an empty or blank draft', () => {
    expect(checkDraft('').sendable).toBe(false);
    expect(checkDraft(' \n\t ').sendable).toBe(false);
  });

  it('is over the limit one character past it, counted as she sees the draft', () => {
    expect(checkDraft('あ'.repeat(MAX_MESSAGE_CHARS))).toMatchObject({ over: false, sendable: true });
    expect(checkDraft('あ'.repeat(MAX_MESSAGE_CHARS + 1))).toMatchObject({ over: true, sendable: false });
    expect(checkDraft(`${'あ'.repeat(MAX_MESSAGE_CHARS)} `)).toMatchObject({ over: true, sendable: false });
  });
});

describe('isSendShortcut', () => {
  const key = (over: Partial<Parameters<typeof isSendShortcut>[0]>) => ({ key: 'Enter', ctrlKey: false, metaKey: false, isComposing: false, ...over });

  it('sends on Ctrl+Enter and ⌘+Enter', () => {
    expect(isSendShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isSendShortcut(key({ metaKey: true }))).toBe(true);
  });

  it('leaves plain Enter to make a new line, and Enter that confirms an IME conversion alone', () => {
    expect(isSendShortcut(key({}))).toBe(false);
    expect(isSendShortcut(key({ ctrlKey: true, isComposing: true }))).toBe(false);
    expect(isSendShortcut(key({ key: 'a', ctrlKey: true }))).toBe(false);
  });
});
