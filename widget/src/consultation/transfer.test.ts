import { describe, expect, it } from 'vitest';
import { grantDecision, resumeMeansGone } from './transfer.js';

describe('key grants and transfers', () => {
  it('grants to a verified first counselor; not a transfer', () => {
    expect(grantDecision(null, 'sato', () => true)).toEqual({ kind: 'grant', transfer: false });
  });
  it('a verified second counselor is a transfer and gets the key too', () => {
    expect(grantDecision('sato', 'suzuki', () => true)).toEqual({ kind: 'grant', transfer: true });
  });
  it('an unverified counselor gets nothing: the unsafe screen, first or on transfer', () => {
    expect(grantDecision(null, 'x', () => false)).toEqual({ kind: 'unsafe' });
    expect(grantDecision('sato', 'x', () => false)).toEqual({ kind: 'unsafe' });
  });
  it('the same counselor again (a reconnect) is skipped without verifying', () => {
    let asked = false;
    expect(grantDecision('sato', 'sato', () => ((asked = true), true))).toEqual({ kind: 'skip' });
    expect(asked).toBe(false);
  });
  it('a resume that fails because the consultation is gone ends it; other errors do not', () => {
    expect(['UNKNOWN_CONSULTATION', 'INVALID_STATE', 'FORBIDDEN'].every((e) => resumeMeansGone(e as never))).toBe(true);
    expect(resumeMeansGone('TIMEOUT')).toBe(false);
  });
});
