/** Timers, injected so tests can fire them by hand (the clock's companion, see clock.ts). */
export interface Scheduler {
  set(ms: number, fn: () => void): unknown;
  clear(handle: unknown): void;
}

/** Real timers, unref'd: a pending offer or grace period never keeps the process alive. */
export const realScheduler: Scheduler = {
  set: (ms, fn) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
