import { describe, expect, it } from 'vitest';
import { newPasswordProblem } from './passwords.js';

describe('newPasswordProblem', () => {
  it('needs 12 characters, counted as people count them', () => {
    expect(newPasswordProblem('a'.repeat(11), 'a'.repeat(11))).toBe('tooShort');
    expect(newPasswordProblem('a'.repeat(12), 'a'.repeat(12))).toBeNull();
    // Eleven kanji are eleven characters (not 33 bytes); twelve pass.
    expect(newPasswordProblem('山'.repeat(11), '山'.repeat(11))).toBe('tooShort');
    expect(newPasswordProblem('うめのはなさくやまぐちけん', 'うめのはなさくやまぐちけん')).toBeNull();
    expect(newPasswordProblem('🌸'.repeat(11), '🌸'.repeat(11))).toBe('tooShort');
  });

  it('needs the same words twice', () => {
    expect(newPasswordProblem('ume no hana saku', 'ume no hana saku.')).toBe('mismatch');
  });
});
