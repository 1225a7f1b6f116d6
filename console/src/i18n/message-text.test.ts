import { describe, expect, it } from 'vitest';
import { messageText } from './message-text.js';

describe('messageText', () => {
  it('shows her words as they are', () => {
    expect(messageText({ kind: 'text', text: 'こんばんは' })).toBe('こんばんは');
  });

  it('shows her intake answers as one plain line, in the order danger, age band, topics', () => {
    expect(messageText({ kind: 'intake', topics: ['子育て', '孤独'], ageBand: '30s', danger: 'unsure' })).toBe(
      '【事前の質問への回答】危険：わからない ／ 年代：30代 ／ 相談したいこと：子育て、孤独',
    );
    expect(messageText({ kind: 'intake', danger: 'yes' })).toBe('【事前の質問への回答】危険：はい');
  });

  it('says so when she answered nothing', () => {
    expect(messageText({ kind: 'intake' })).toBe('【事前の質問への回答】回答なし');
    expect(messageText({ kind: 'intake', topics: [] })).toBe('【事前の質問への回答】回答なし');
  });
});
