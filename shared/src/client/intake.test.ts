import { describe, expect, it } from 'vitest';
import { intakeOf } from './intake.js';

describe('intake', () => {
  it('takes the answers out of an intake body; a text body has none', () => {
    expect(intakeOf({ kind: 'intake', danger: 'yes', topics: ['孤独'] })).toEqual({ danger: 'yes', topics: ['孤独'] });
    expect(intakeOf({ kind: 'intake' })).toEqual({});
    expect(intakeOf({ kind: 'text', text: 'こんにちは' })).toBeNull();
  });

  it('leaves the time she wrote it out of her answers', () => {
    expect(intakeOf({ kind: 'intake', ageBand: '30s', writtenAt: '2026-11-30T01:02:03.004Z' })).toEqual({ ageBand: '30s' });
    expect(intakeOf({ kind: 'intake', writtenAt: '2026-11-30T01:02:03.004Z' })).toEqual({});
  });
});
