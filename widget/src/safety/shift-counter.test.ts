import { describe, expect, it } from 'vitest';
import { ShiftCounter } from './shift-counter.js';

function setup() {
  let t = 1_000;
  const counter = new ShiftCounter(() => t);
  const tap = (key = 'Shift') => {
    counter.handle({ type: 'keydown', key });
    return counter.handle({ type: 'keyup', key });
  };
  return { counter, tap, advance: (ms: number) => (t += ms) };
}

describe('Shift × 3 quick exit', () => {
  it('counts three Shift presses within 5 s and exits on the third', () => {
    const { tap, advance } = setup();
    expect(tap()).toEqual({ kind: 'count', count: 1 });
    advance(1_000);
    expect(tap()).toEqual({ kind: 'count', count: 2 });
    advance(3_999);
    expect(tap()).toEqual({ kind: 'exit' });
  });

  it('exits at exactly 5 s after the first press but not later', () => {
    const a = setup();
    a.tap();
    a.advance(2_000);
    a.tap();
    a.advance(3_000);
    expect(a.tap()).toEqual({ kind: 'exit' });

    const b = setup();
    b.tap();
    b.advance(2_000);
    b.tap();
    b.advance(3_001);
    // Too late: this press starts a new count.
    expect(b.tap()).toEqual({ kind: 'count', count: 1 });
  });

  it('starts again after exiting', () => {
    const { tap } = setup();
    tap();
    tap();
    expect(tap()).toEqual({ kind: 'exit' });
    expect(tap()).toEqual({ kind: 'count', count: 1 });
  });

  it('does not count Shift used as a modifier (Shift + A, Shift + Tab)', () => {
    const { counter, tap } = setup();
    tap();
    counter.handle({ type: 'keydown', key: 'Shift' });
    counter.handle({ type: 'keydown', key: 'A' });
    counter.handle({ type: 'keyup', key: 'A' });
    expect(counter.handle({ type: 'keyup', key: 'Shift' })).toEqual({ kind: 'none' });
    expect(counter.presses).toBe(0);
    counter.handle({ type: 'keydown', key: 'Shift' });
    counter.handle({ type: 'keydown', key: 'Tab' });
    expect(counter.handle({ type: 'keyup', key: 'Shift' })).toEqual({ kind: 'none' });
    // A plain Shift afterwards counts from one again.
    expect(tap()).toEqual({ kind: 'count', count: 1 });
  });

  it('resets when any other key is pressed between presses', () => {
    const { tap, counter } = setup();
    tap();
    tap();
    expect(counter.handle({ type: 'keydown', key: 'a' })).toEqual({ kind: 'reset' });
    counter.handle({ type: 'keyup', key: 'a' });
    expect(counter.presses).toBe(0);
    expect(tap()).toEqual({ kind: 'count', count: 1 });
  });

  it('ignores auto-repeat while Shift is held down', () => {
    const { counter } = setup();
    counter.handle({ type: 'keydown', key: 'Shift' });
    counter.handle({ type: 'keydown', key: 'Shift', repeat: true });
    counter.handle({ type: 'keydown', key: 'Shift', repeat: true });
    expect(counter.handle({ type: 'keyup', key: 'Shift' })).toEqual({ kind: 'count', count: 1 });
  });

  it('a key other than Shift with no count announces nothing', () => {
    const { counter } = setup();
    expect(counter.handle({ type: 'keydown', key: 'Enter' })).toEqual({ kind: 'none' });
  });
});
