import { describe, expect, it } from 'vitest';
import { codeShapeOk, expiryText } from './resume-code.js';

const CODE = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23';

describe('resume code', () => {
  it('accepts the code with or without hyphens, spaces, any case; nothing else', () => {
    expect(codeShapeOk(CODE)).toBe(true);
    expect(codeShapeOk(CODE.toLowerCase().replace(/-/g, ' '))).toBe(true);
    expect(codeShapeOk('AAAA')).toBe(false);
    expect(codeShapeOk(`${CODE}X`)).toBe(false);
    expect(codeShapeOk(CODE.replace('A', '!'))).toBe(false);
  });

  it('writes the expiry in her language, in Tokyo time', () => {
    expect(expiryText('2026-01-31T16:00:00Z', 'ja')).toBe('2026年2月1日');
    expect(expiryText('2026-01-31T16:00:00Z', 'en')).toBe('1 February 2026');
    expect(expiryText('soon', 'en')).toBe('soon');
  });
});
