import type { Scheduler } from '../../scheduler.js';

/**
 * Work a timer started runs on promises the in-memory store resolves at once: it has all finished
 * when a macrotask comes round (no time passes; the clock is the test's).
 */
export const settled = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Timers fired by hand, for tests; the clock moves only when a test moves it. */
export function fakeTime(start = 1_000_000) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const scheduler: Scheduler = {
    set: (ms, fn) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clear: (h) => void timers.delete(h as number),
  };
  /** Moves the clock and fires what is due, each timer's work finished before the next fires. */
  const advance = async (ms: number) => {
    now += ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      due[1].fn();
      await settled();
    }
  };
  return { now: () => now, scheduler, advance, pending: () => timers.size };
}
