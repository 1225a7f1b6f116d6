import type { Scheduler } from '../../scheduler.js';

/**
 * Grace periods (DESIGN "Queue and routing"): a counselor who drops keeps her chats, and a client
 * who drops keeps her place, for a while; when the time runs out the routing service is told.
 * Only the timers and who is online live here; what happens then is the service's to decide.
 */
export class GracePeriods {
  private readonly clientsOnline = new Set<string>();
  private readonly staffTimers = new Map<string, unknown>();
  private readonly clientTimers = new Map<string, unknown>();
  /** Waiting clients' silence: restarted by each message she sends while waiting. */
  private readonly silenceTimers = new Map<string, unknown>();
  private stopped = false;

  constructor(
    private readonly scheduler: Scheduler,
    /** `silence` 0: a connected waiting client is never ended for silence. */
    private readonly ms: { staff: number; client: number; silence: number },
    private readonly over: { staff(staffId: string): void; client(consultationId: string): void; silent(consultationId: string): void },
  ) {}

  /**
   * She is waiting and has just spoken (the intake, or a message after it): her silence is counted
   * again from now. When it runs out the service decides (she may have been taken meanwhile).
   */
  clientSpoke(consultationId: string): void {
    if (this.stopped || this.ms.silence <= 0) return;
    this.clear(this.silenceTimers, consultationId);
    this.silenceTimers.set(consultationId, this.scheduler.set(this.ms.silence, () => {
      this.silenceTimers.delete(consultationId);
      if (!this.stopped) this.over.silent(consultationId);
    }));
  }

  /** She is no longer waiting (taken or ended): her silence no longer counts. */
  clientNotWaiting(consultationId: string): void {
    this.clear(this.silenceTimers, consultationId);
  }

  /** She is back: her grace (if any) stops. */
  staffBack(staffId: string): void {
    this.clear(this.staffTimers, staffId);
  }

  startStaff(staffId: string): void {
    if (this.stopped || this.staffTimers.has(staffId)) return;
    this.staffTimers.set(staffId, this.scheduler.set(this.ms.staff, () => {
      this.staffTimers.delete(staffId);
      if (!this.stopped) this.over.staff(staffId);
    }));
  }

  /** A socket of hers is bound to her consultation again. */
  clientBack(consultationId: string): void {
    this.clientsOnline.add(consultationId);
    this.clear(this.clientTimers, consultationId);
  }

  /** Her last socket went. */
  clientGone(consultationId: string): void {
    this.clientsOnline.delete(consultationId);
  }

  isClientOnline(consultationId: string): boolean {
    return this.clientsOnline.has(consultationId);
  }

  startClient(consultationId: string): void {
    if (this.stopped || this.clientTimers.has(consultationId)) return;
    this.clientTimers.set(consultationId, this.scheduler.set(this.ms.client, () => {
      this.clientTimers.delete(consultationId);
      if (!this.stopped && !this.clientsOnline.has(consultationId)) this.over.client(consultationId);
    }));
  }

  /** Stops every timer (server shutdown): the next process restores the queue and starts them again. */
  stop(): void {
    this.stopped = true;
    for (const t of [...this.staffTimers.values(), ...this.clientTimers.values(), ...this.silenceTimers.values()]) this.scheduler.clear(t);
    this.staffTimers.clear();
    this.clientTimers.clear();
    this.silenceTimers.clear();
  }

  private clear(timers: Map<string, unknown>, key: string): void {
    const t = timers.get(key);
    if (t === undefined) return;
    this.scheduler.clear(t);
    timers.delete(key);
  }
}
