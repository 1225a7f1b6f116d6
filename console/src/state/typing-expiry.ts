import { TYPING_SHOWN_MAX_MS } from '@tsunagari/shared';

/**
 * Takes down a chat's "she is typing" line when no fresh signal came for
 * {@link TYPING_SHOWN_MAX_MS}: her widget repeats "typing" while she types, so silence means the
 * "stopped" was lost (her connection dropped, she closed the page) and the line would stay forever.
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

  /** Stops every timer (the workspace is gone). */
  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
