import { describe, expect, it } from 'vitest';
import { MAX_OPEN_GAPS, SequenceTracker } from './message-order.js';

describe('SequenceTracker', () => {
  it('says ok while each sender rises by one, independently of the other sender', () => {
    const t = new SequenceTracker();
    expect([1, 2, 3].map((seq) => t.observe('client', 0, seq).kind)).toEqual(['ok', 'ok', 'ok']);
    expect([1, 2].map((seq) => t.observe('counselor', 0, seq).kind)).toEqual(['ok', 'ok']);
    expect(t.observe('client', 0, 4)).toEqual({ kind: 'ok' });
  });

  it('reports a message dropped by the relay as a gap with the missing range, then goes on', () => {
    const t = new SequenceTracker();
    t.observe('client', 0, 1);
    expect(t.observe('client', 0, 4)).toEqual({ kind: 'gap', missingFrom: 2, missingTo: 3 });
    expect(t.observe('client', 0, 5)).toEqual({ kind: 'ok' });
    expect(t.missing('client', 0)).toEqual([{ from: 2, to: 3 }]);
  });

  it('reports a first message that is not seq 1 as a gap from 1', () => {
    expect(new SequenceTracker().observe('counselor', 0, 3)).toEqual({ kind: 'gap', missingFrom: 1, missingTo: 2 });
  });

  it('reports a replayed message as a repeat, however late, and does not move on', () => {
    const t = new SequenceTracker();
    for (const seq of [1, 2, 3]) t.observe('client', 0, seq);
    expect(t.observe('client', 0, 2)).toEqual({ kind: 'repeat' });
    expect(t.observe('client', 0, 3)).toEqual({ kind: 'repeat' });
    expect(t.observe('client', 0, 1)).toEqual({ kind: 'repeat' });
    expect(t.observe('client', 0, 4)).toEqual({ kind: 'ok' });
  });

  it('says late when a missing message turns up, once; a second copy of it is a repeat', () => {
    const t = new SequenceTracker();
    t.observe('client', 0, 1);
    t.observe('client', 0, 6);
    expect(t.observe('client', 0, 3)).toEqual({ kind: 'late' });
    expect(t.missing('client', 0)).toEqual([{ from: 2, to: 2 }, { from: 4, to: 5 }]);
    expect(t.observe('client', 0, 3)).toEqual({ kind: 'repeat' });
    for (const seq of [2, 4, 5]) expect(t.observe('client', 0, seq)).toEqual({ kind: 'late' });
    expect(t.missing('client', 0)).toEqual([]);
  });

  it('keeps each key epoch apart: the new epoch starts at 1, and an old-epoch replay is still a repeat', () => {
    const t = new SequenceTracker();
    for (const seq of [1, 2, 3]) t.observe('client', 0, seq);
    expect(t.observe('client', 1, 1)).toEqual({ kind: 'ok' });
    expect(t.observe('client', 0, 3)).toEqual({ kind: 'repeat' });
    expect(t.observe('client', 1, 1)).toEqual({ kind: 'repeat' });
  });

  it('resumes after loaded history without a false gap, and never moves backwards', () => {
    const t = new SequenceTracker();
    t.resume('counselor', 2, 40);
    expect(t.observe('counselor', 2, 41)).toEqual({ kind: 'ok' });
    t.resume('counselor', 2, 10);
    expect(t.observe('counselor', 2, 42)).toEqual({ kind: 'ok' });
    expect(t.observe('counselor', 2, 40)).toEqual({ kind: 'repeat' });
    expect(() => t.resume('counselor', 2, -1)).toThrowError(RangeError);
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 53])('calls seq %s invalid and records nothing', (seq) => {
    const t = new SequenceTracker();
    expect(t.observe('client', 0, seq)).toEqual({ kind: 'invalid' });
    expect(t.observe('client', 0, 1)).toEqual({ kind: 'ok' });
  });

  it('calls a negative or fractional epoch invalid', () => {
    expect(new SequenceTracker().observe('client', -1, 1)).toEqual({ kind: 'invalid' });
    expect(new SequenceTracker().observe('client', 0.5, 1)).toEqual({ kind: 'invalid' });
  });

  it(`keeps at most ${MAX_OPEN_GAPS} open gaps: a relay dropping every other message cannot grow it without bound`, () => {
    const t = new SequenceTracker();
    for (let seq = 2; seq <= 2 * (MAX_OPEN_GAPS + 10); seq += 2) t.observe('client', 0, seq);
    const open = t.missing('client', 0);
    expect(open).toHaveLength(MAX_OPEN_GAPS);
    expect(open[0]).toEqual({ from: 21, to: 21 });
    expect(t.observe('client', 0, 1)).toEqual({ kind: 'repeat' });
    expect(t.observe('client', 0, 21)).toEqual({ kind: 'late' });
  });

  it('copes with a huge jump without allocating per missing seq', () => {
    const t = new SequenceTracker();
    expect(t.observe('client', 0, 2 ** 52)).toEqual({ kind: 'gap', missingFrom: 1, missingTo: 2 ** 52 - 1 });
    expect(t.observe('client', 0, 12345)).toEqual({ kind: 'late' });
    expect(t.missing('client', 0)).toHaveLength(2);
  });
});
