/**
 * Quick exit by keyboard, after the GOV.UK Design System's "Exit this page": pressing Shift on
 * its own three times within 5 seconds leaves. Shift used as a modifier (Shift + A, a capital
 * letter, Shift + Tab) does not count, and any other key starts the count again.
 *
 * Pure: feed it key events and a clock; it says what happened. The element wires it to the
 * window and announces the count in a status message for screen readers.
 */

/** The parts of a KeyboardEvent the counter needs. */
export interface KeyLike {
  type: 'keydown' | 'keyup';
  key: string;
  repeat?: boolean;
}

export type ShiftResult =
  /** Nothing to announce (a non-Shift key, or Shift that was used as a modifier). */
  | { kind: 'none' }
  /** The count was reset by another key (announce nothing, or clear the status). */
  | { kind: 'reset' }
  /** Shift counted: 1 or 2 so far. */
  | { kind: 'count'; count: 1 | 2 }
  /** Third press within the window: leave now. */
  | { kind: 'exit' };

export const SHIFT_WINDOW_MS = 5_000;
export const SHIFT_PRESSES = 3;

export class ShiftCounter {
  private count = 0;
  private firstAt = 0;
  /** Another key went down while Shift was held: this Shift press is a modifier. */
  private usedAsModifier = false;
  private shiftDown = false;

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly windowMs = SHIFT_WINDOW_MS,
  ) {}

  /** Current count (0–2), for tests and the status message. */
  get presses(): number {
    return this.count;
  }

  reset(): void {
    this.count = 0;
    this.firstAt = 0;
    this.usedAsModifier = false;
  }

  handle(e: KeyLike): ShiftResult {
    if (e.key === 'Shift') {
      if (e.type === 'keydown') {
        if (!e.repeat) {
          this.shiftDown = true;
          this.usedAsModifier = false;
        }
        return { kind: 'none' };
      }
      // keyup: a Shift press that was not used with another key counts.
      this.shiftDown = false;
      if (this.usedAsModifier) {
        this.usedAsModifier = false;
        return { kind: 'none' };
      }
      const t = this.now();
      if (this.count === 0 || t - this.firstAt > this.windowMs) {
        this.count = 1;
        this.firstAt = t;
        return { kind: 'count', count: 1 };
      }
      this.count += 1;
      if (this.count >= SHIFT_PRESSES) {
        this.reset();
        return { kind: 'exit' };
      }
      return { kind: 'count', count: this.count as 1 | 2 };
    }
    if (e.type === 'keyup') return { kind: 'none' };
    // Any other key: Shift held now is a modifier, and the count starts again.
    if (this.shiftDown) this.usedAsModifier = true;
    const had = this.count > 0;
    this.reset();
    if (this.shiftDown) this.usedAsModifier = true;
    return had ? { kind: 'reset' } : { kind: 'none' };
  }
}
