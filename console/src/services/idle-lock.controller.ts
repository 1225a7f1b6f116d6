import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Timers and "now", injected so tests can run the clock themselves. */
export interface LockClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: LockClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** What counts as her being at the screen. Pointer moves count: reading while scrolling is work. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Locks the console after `minutes` without input (keyboard, pointer, wheel, touch anywhere in
 * the page). One timer, re-armed for the time left when it fires early, so constant input costs a
 * timestamp per event rather than a timer per event. Armed only while {@link arm} says so (signed
 * in and unlocked); {@link disarm} stops it. A locked console is unlocked by her password.
 */
export class IdleLockController implements ReactiveController {
  private lastInput = 0;
  private timer: unknown = null;
  private armed = false;
  private readonly onInput = () => {
    this.lastInput = this.clock.now();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly minutes: () => number,
    private readonly lock: () => void,
    private readonly clock: LockClock = realClock,
    private readonly target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = globalThis,
  ) {
    host.addController(this);
  }

  /** Starts counting from now (after login, after unlocking). */
  arm(): void {
    this.disarm();
    this.armed = true;
    this.lastInput = this.clock.now();
    for (const type of ACTIVITY_EVENTS) this.target.addEventListener(type, this.onInput, { capture: true, passive: true });
    this.schedule(this.limitMs());
  }

  /** Stops counting (locked, logged out). */
  disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (!this.armed) return;
    this.armed = false;
    for (const type of ACTIVITY_EVENTS) this.target.removeEventListener(type, this.onInput, { capture: true });
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.disarm();
  }

  private limitMs(): number {
    return Math.max(1, Math.round(this.minutes() * 60_000));
  }

  private schedule(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.timer = null;
    if (!this.armed) return;
    const left = this.lastInput + this.limitMs() - this.clock.now();
    if (left > 0) return this.schedule(left);
    this.disarm();
    this.lock();
  }
}
