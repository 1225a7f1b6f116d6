import { TYPING_SHOWN_MAX_MS } from '../protocol/limits.js';

/** At most one "typing" per this long while someone keeps typing (it refreshes the other side's line). */
export const TYPING_THROTTLE_MS = 2_000;
/** No edit for this long: tell the other side the writer stopped. */
export const TYPING_IDLE_MS = 3_000;

/**
 * One writer's side of the typing indicator, without a socket: `input()` on each edit emits
 * `true` when she starts and again at most every {@link TYPING_THROTTLE_MS} while she goes on
 * (well inside {@link TYPING_SHOWN_MAX_MS}, so the other side's line never lapses while she types);
 * `false` follows {@link TYPING_IDLE_MS} after her last edit, or at once on `stop()` (she sent, or
 * emptied the field). `reset()` forgets it without a word (she is no longer in a chat).
 */
export class TypingSignal {
  private on = false;
  private sentAt = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly emit: (typing: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** She edited the text. */
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

  /** She stopped (sent, or cleared the field): `false` once, if `true` was told. */
  stop(): void {
    const was = this.on;
    this.reset();
    if (was) this.emit(false);
  }

  /** Forgets without telling anyone. */
  reset(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    this.on = false;
  }
}

/**
 * The reader's side: takes a "typing" line down when no fresh signal came for `maxMs` (default
 * {@link TYPING_SHOWN_MAX_MS}). The writer repeats "typing" while typing, so silence means her
 * "stopped" was lost (a dropped connection, a closed page) and the line would stay forever.
 * Keyed by consultation, so one instance serves a console with several chats.
 */
export class TypingExpiry {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly expire: (consultationId: string) => void,
    private readonly maxMs = TYPING_SHOWN_MAX_MS,
  ) {}

  /** A typing signal (or a message, which ends typing) for this chat. */
  seen(consultationId: string, typing: boolean): void {
    clearTimeout(this.timers.get(consultationId));
    this.timers.delete(consultationId);
    if (!typing) return;
    this.timers.set(
      consultationId,
      setTimeout(() => {
        this.timers.delete(consultationId);
        this.expire(consultationId);
      }, this.maxMs),
    );
  }

  /** Stops every timer (the chat or the workspace is gone). */
  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
