import type { Clock } from '../../clock.js';
import type { Scheduler } from '../../scheduler.js';

/**
 * Staff sessions that have sockets on this server, in memory, so the gate every staff event
 * passes can ask "is her session still live?" without touching the database. A session is
 * tracked when a socket authenticates with it and ends on logout, password change, disable or
 * expiry; whoever listens ({@link onEnded}: the socket layer) then closes its sockets at once.
 */
export class LiveSessions {
  private readonly live = new Map<string, { staffId: string; expiresAt: number; timer: unknown }>();
  private listener: ((tokenHash: string) => void) | null = null;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
  ) {}

  /** The socket layer closes the sockets of a session that ended. */
  onEnded(listener: (tokenHash: string) => void): void {
    this.listener = listener;
  }

  /** A socket authenticated with this session (idempotent); its expiry is timed from here. */
  track(tokenHash: string, staffId: string, expiresAt: number): void {
    if (this.live.has(tokenHash)) return;
    this.live.set(tokenHash, { staffId, expiresAt, timer: this.expiryTimer(tokenHash, expiresAt) });
  }

  /**
   * Whether the session is tracked and not past its expiry by the injected clock. Only reads: the
   * caller answers the event first and then closes the socket; the expiry timer ends the rest.
   */
  isLive(tokenHash: string): boolean {
    const s = this.live.get(tokenHash);
    return s !== undefined && s.expiresAt > this.clock.now().getTime();
  }

  /** Ends one session: forgotten here, and its sockets are closed by the listener. */
  end(tokenHash: string): void {
    const s = this.live.get(tokenHash);
    if (s) {
      this.scheduler.clear(s.timer);
      this.live.delete(tokenHash);
    }
    // Told even when untracked here: the session's sockets may have arrived since.
    this.listener?.(tokenHash);
  }

  /** Ends every session of hers (disable, password change). */
  endAllOf(staffId: string): void {
    for (const [hash, s] of [...this.live]) if (s.staffId === staffId) this.end(hash);
  }

  /** The sessions tracked here, for reconciling with the database after an outside change. */
  tracked(): { tokenHash: string; staffId: string }[] {
    return [...this.live].map(([tokenHash, s]) => ({ tokenHash, staffId: s.staffId }));
  }

  /**
   * Stops every expiry timer (shutdown). The sessions stay known: events still in flight while the
   * server closes are judged by them, not answered NOT_AUTHENTICATED (which a console takes for a
   * lost session and signs her out); the next process tracks them again as sockets come back.
   */
  stop(): void {
    for (const s of this.live.values()) this.scheduler.clear(s.timer);
  }

  private expiryTimer(tokenHash: string, expiresAt: number): unknown {
    // Capped so the timer stays within what setTimeout takes; it re-arms if the clock says not yet.
    const delay = Math.min(Math.max(0, expiresAt - this.clock.now().getTime()), 2 ** 31 - 1);
    return this.scheduler.set(delay, () => {
      const s = this.live.get(tokenHash);
      if (!s) return;
      if (s.expiresAt <= this.clock.now().getTime()) this.end(tokenHash);
      else s.timer = this.expiryTimer(tokenHash, s.expiresAt);
    });
  }
}
