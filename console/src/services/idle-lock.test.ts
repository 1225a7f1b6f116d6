import { describe, expect, it } from 'vitest';
import { IdleLockController, type LockClock } from './idle-lock.controller.js';

/** A clock the test runs by hand: timers fire only when time is advanced past them. */
class ManualClock implements LockClock {
  private t = 1_000_000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;

  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  /** Moves time forward, firing due timers in order (including ones they set). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, v]) => v.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
}

const MIN = 60_000;
const host = { addController: () => {}, removeController: () => {}, requestUpdate: () => {}, updateComplete: Promise.resolve(true) };

function setUp(minutes = 15) {
  const clock = new ManualClock();
  const target = new EventTarget();
  let locks = 0;
  const idle = new IdleLockController(host, () => minutes, () => (locks += 1), clock, target);
  return { clock, target, idle, locks: () => locks };
}

describe('IdleLockController', () => {
  it('locks once the configured minutes pass without input, and not a moment before', () => {
    const { clock, idle, locks } = setUp(15);
    idle.arm();
    clock.advance(15 * MIN - 1);
    expect(locks()).toBe(0);
    clock.advance(1);
    expect(locks()).toBe(1);
    clock.advance(60 * MIN);
    expect(locks()).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it('each input restarts the count: keys, pointer and wheel all count', () => {
    const { clock, target, idle, locks } = setUp(15);
    idle.arm();
    for (const type of ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart']) {
      clock.advance(10 * MIN);
      target.dispatchEvent(new Event(type));
    }
    expect(locks()).toBe(0);
    clock.advance(15 * MIN - 1);
    expect(locks()).toBe(0);
    clock.advance(1);
    expect(locks()).toBe(1);
  });

  it('after the lock, input does nothing until armed again; arming restarts the count', () => {
    const { clock, target, idle, locks } = setUp(1);
    idle.arm();
    clock.advance(MIN);
    expect(locks()).toBe(1);
    target.dispatchEvent(new Event('keydown'));
    clock.advance(10 * MIN);
    expect(locks()).toBe(1);

    idle.arm();
    clock.advance(MIN - 1);
    expect(locks()).toBe(1);
    clock.advance(1);
    expect(locks()).toBe(2);
  });

  it('disarmed (logged out), it never locks and keeps no timer', () => {
    const { clock, idle, locks } = setUp(1);
    idle.arm();
    idle.disarm();
    expect(clock.pending).toBe(0);
    clock.advance(10 * MIN);
    expect(locks()).toBe(0);
  });

  it('fractional minutes from a test config are honoured', () => {
    const { clock, idle, locks } = setUp(0.05);
    idle.arm();
    clock.advance(2_999);
    expect(locks()).toBe(0);
    clock.advance(1);
    expect(locks()).toBe(1);
  });
});
