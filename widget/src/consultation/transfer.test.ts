import { describe, expect, it } from 'vitest';
import { type GrantState, grantDecision, resumeMeansGone } from './transfer.js';

const sato = { staffId: 'sato', assignedAt: '2026-11-30T01:00:00.000Z' };
const suzuki = { staffId: 'suzuki', assignedAt: '2026-11-30T02:00:00.000Z' };
const held = (a: typeof sato, done = true, transfer = false): GrantState => ({ ...a, done, transfer });

describe('key grants and transfers (key epochs)', () => {
  it('the first counselor of a fresh consultation gets epoch 0 as it is; not a transfer', () => {
    expect(grantDecision(null, sato, false, false)).toEqual({ kind: 'grant', rotate: false, transfer: false });
  });

  it('a second counselor is a transfer: a new epoch, so the one before cannot read what follows', () => {
    expect(grantDecision(held(sato), suzuki, false, false)).toEqual({ kind: 'grant', rotate: true, transfer: true });
  });

  it('the same counselor again (a reconnect or a reload) whose grant went through: nothing new is sealed', () => {
    expect(grantDecision(held(sato), sato, true, false)).toEqual({ kind: 'keep' });
  });

  it('the same assignment whose grant did not go through: sealed again in the same epoch, as the transfer it was', () => {
    expect(grantDecision(held(suzuki, false, true), suzuki, true, false)).toEqual({ kind: 'grant', rotate: false, transfer: true });
  });

  it('the same counselor assigned anew (back from the queue, or moved away and back while she was offline) gets a new epoch', () => {
    expect(grantDecision(held(sato), { ...sato, assignedAt: '2026-11-30T03:00:00.000Z' }, true, true)).toEqual({ kind: 'grant', rotate: true, transfer: true });
  });

  it('continued on another device (no grant known here) where the relay says a key was granted: a new epoch', () => {
    expect(grantDecision(null, suzuki, true, false)).toEqual({ kind: 'grant', rotate: true, transfer: false });
  });

  it('handed back to the queue before her first counselor here: a transfer for the words she sees', () => {
    expect(grantDecision(null, suzuki, true, true)).toEqual({ kind: 'grant', rotate: true, transfer: true });
  });

  it('a resume that fails because the consultation is gone ends it; other errors do not', () => {
    expect(['UNKNOWN_CONSULTATION', 'INVALID_STATE', 'FORBIDDEN'].every((e) => resumeMeansGone(e as never))).toBe(true);
    expect(resumeMeansGone('TIMEOUT')).toBe(false);
  });
});
