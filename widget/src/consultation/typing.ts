import { TYPING_SHOWN_MAX_MS } from '@tsunagari/shared';

/** At most one "typing" per this long while she keeps typing (it refreshes the counselor's line). */
export const TYPING_THROTTLE_MS = 2_000;
/** She stopped typing this long ago: tell the counselor. */
export const TYPING_IDLE_MS = 3_000;
/** The counselor's line goes away by itself if no word of her typing came for this long (a lost "stopped"). */
export const COUNSELOR_TYPING_MAX_MS = TYPING_SHOWN_MAX_MS;

/**
 * Her side of the typing indicator, without a socket: `input()` on each edit of the text field
 * emits `true` when she starts and again at most every {@link TYPING_THROTTLE_MS} while she goes
 * on; `false` follows {@link TYPING_IDLE_MS} after her last edit, or at once on `stop()` (she
 * sent). `reset()` forgets it without a word (she is no longer in a chat).
 */
export class TypingSignal {
  private on = false;
  private sentAt = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly emit: (typing: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  input(): void {
    clearTimeout(this.idle);
    const now = this.now();
    if (!this.on || now - this.sentAt >= TYPING_THROTTLE_MS) {
      this.on = true;
      this.sentAt = now;
      this.emit(true);
    }
    this.idle = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  stop(): void {
    const was = this.on;
    this.reset();
    if (was) this.emit(false);
  }

  reset(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    this.on = false;
  }
}
