import { describe, expect, it } from 'vitest';
import { hasAnswers, intakeOf } from './intake.js';

describe('intake', () => {
  it('counts as answered only when something was chosen', () => {
    expect(hasAnswers(null)).toBe(false);
    expect(hasAnswers(undefined)).toBe(false);
    expect(hasAnswers({})).toBe(false);
    expect(hasAnswers({ topics: [] })).toBe(false);
    expect(hasAnswers({ danger: 'no' })).toBe(true);
    expect(hasAnswers({ ageBand: '30s' })).toBe(true);
    expect(hasAnswers({ topics: ['孤独'] })).toBe(true);
  });

  it('takes the answers out of an intake body; a text body has none', () => {
    expect(intakeOf({ kind: 'intake', danger: 'yes', topics: ['孤独'] })).toEqual({ danger: 'yes', topics: ['孤独'] });
    expect(intakeOf({ kind: 'intake' })).toEqual({});
    expect(intakeOf({ kind: 'text', text: 'こんにちは' })).toBeNull();
  });
});
