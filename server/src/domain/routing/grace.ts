import type { Scheduler } from '../../scheduler.js';

/** The periods, in milliseconds. */
export interface GraceMs {
  staff: number;
  /** A waiting client's place. */
  client: number;
  /** A client gone from an active chat, before the chat is parked. */
  clientAway: number;
  /** A parked chat, before it ends as 'client_gone'. */
  clientGone: number;
  /** A waiting client who sends nothing this long is asked whether she still waits (0: never). */
  silence: number;
  /** ... and ended when she has not answered this much later (0: ended without asking). */
  silenceAnswer: number;
}

/** What the service is told when a period runs out. */
export interface GraceOver {
  staff(staffId: string): void;
  client(consultationId: string): void;
  /**
   * Waiting and silent for the silence period: `final` false — ask her (by {@link GracePeriods.answerBy});
   * `final` true — she did not answer (or is not asked): end it.
   */
  silent(consultationId: string, final: boolean): void;
  /** Gone from her active chat for the first period: parked. */
  away(consultationId: string, endsInMs: number): void;
  /** Parked for the second period too: the chat ends. */
  gone(consultationId: string): void;
}

/**
 * Grace periods (DESIGN "Queue and routing"): a counselor who drops keeps her chats, and a client
 * who drops keeps her place, for a while; when the time runs out the routing service is told.
 * A client gone from an ACTIVE chat (issue 15) is parked after one period and her chat ends after
 * a second, so a chat whose woman is gone does not stay open for whoever picks up her phone.
 * Only the timers and who is online live here; what happens then is the service's to decide.
 */
export class GracePeriods {
  private readonly clientsOnline = new Set<string>();
  private readonly staffTimers = new Map<string, unknown>();
  private readonly clientTimers = new Map<string, unknown>();
  /** Waiting clients' silence: restarted by each message she sends while waiting, then her time to answer. */
  private readonly silenceTimers = new Map<string, unknown>();
  /** Waiting clients asked whether they still wait, not yet answered: when each must answer by (ms). */
  private readonly asked = new Map<string, number>();
  /** Active chats whose client is gone: the away timer, then the gone timer. */
  private readonly awayTimers = new Map<string, unknown>();
  private readonly parked = new Set<string>();
  private stopped = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly ms: GraceMs,
    private readonly over: GraceOver,
    /** The time (ms), for when a question must be answered by. */
    private readonly now: () => number = Date.now,
  ) {}

  /** New lengths (an admin's settings): timers started from now on use them; running ones keep theirs. */
  setPeriods(ms: Partial<GraceMs>): void {
    Object.assign(this.ms, ms);
  }

  /**
   * She is waiting and has just spoken (the intake, or a message after it): her silence is counted
   * again from now. When it runs out the service decides (she may have been taken meanwhile).
   */
  clientSpoke(consultationId: string): void {
    if (this.stopped || this.ms.silence <= 0) return;
    this.clear(this.silenceTimers, consultationId);
    this.asked.delete(consultationId);
    this.silenceTimers.set(consultationId, this.scheduler.set(this.ms.silence, () => {
      this.silenceTimers.delete(consultationId);
      if (this.stopped) return;
      if (this.ms.silenceAnswer <= 0) return this.over.silent(consultationId, true);
      this.asked.set(consultationId, this.now() + this.ms.silenceAnswer);
      this.silenceTimers.set(consultationId, this.scheduler.set(this.ms.silenceAnswer, () => {
        this.silenceTimers.delete(consultationId);
        if (!this.stopped && this.asked.delete(consultationId)) this.over.silent(consultationId, true);
      }));
      this.over.silent(consultationId, false);
    }));
  }

  /** {@link clientSpoke}, only where her silence is not counted yet (a dead node's timers taken on). */
  clientSpokeIfUntimed(consultationId: string): void {
    if (!this.silenceTimers.has(consultationId)) this.clientSpoke(consultationId);
  }

  /** {@link clientSpoke}, only where her silence is counted (with several nodes: on the node timing her). */
  clientSpokeIfTimed(consultationId: string): void {
    if (this.silenceTimers.has(consultationId)) this.clientSpoke(consultationId);
  }

  /** She answered that she still waits: counted only while she is asked (then her silence starts again). */
  clientAnswered(consultationId: string): boolean {
    if (!this.asked.has(consultationId)) return false;
    this.clientSpoke(consultationId);
    return true;
  }

  /** When she must answer by (ms), while she is asked and has not answered yet; else undefined. */
  answerBy(consultationId: string): number | undefined {
    return this.asked.get(consultationId);
  }

  /** She is no longer waiting (taken or ended): her silence no longer counts. */
  clientNotWaiting(consultationId: string): void {
    this.clear(this.silenceTimers, consultationId);
    this.asked.delete(consultationId);
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

  /** A socket of hers is bound to her consultation again; true when her chat had been parked. */
  clientBack(consultationId: string): boolean {
    this.clientsOnline.add(consultationId);
    this.clear(this.clientTimers, consultationId);
    return this.stopAway(consultationId);
  }

  /** Her active chat has no socket of hers: parked after `clientAway`, ended after `clientGone` more. */
  startAway(consultationId: string): void {
    if (this.stopped || this.awayTimers.has(consultationId) || this.clientsOnline.has(consultationId)) return;
    this.awayTimers.set(consultationId, this.scheduler.set(this.ms.clientAway, () => {
      if (this.stopped || this.clientsOnline.has(consultationId)) return void this.awayTimers.delete(consultationId);
      this.parked.add(consultationId);
      this.awayTimers.set(consultationId, this.scheduler.set(this.ms.clientGone, () => {
        this.awayTimers.delete(consultationId);
        this.parked.delete(consultationId);
        if (!this.stopped && !this.clientsOnline.has(consultationId)) this.over.gone(consultationId);
      }));
      this.over.away(consultationId, this.ms.clientGone);
    }));
  }

  /** Her absence from her active chat is timed here (before or after it was parked). */
  timingAway(consultationId: string): boolean {
    return this.awayTimers.has(consultationId) || this.parked.has(consultationId);
  }

  /** Her chat ended or went back to the queue: no parking any more. True when it was parked. */
  stopAway(consultationId: string): boolean {
    this.clear(this.awayTimers, consultationId);
    return this.parked.delete(consultationId);
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
    for (const t of [...this.staffTimers.values(), ...this.clientTimers.values(), ...this.silenceTimers.values(), ...this.awayTimers.values()]) this.scheduler.clear(t);
    this.staffTimers.clear();
    this.clientTimers.clear();
    this.silenceTimers.clear();
    this.awayTimers.clear();
    this.parked.clear();
    this.asked.clear();
  }

  private clear(timers: Map<string, unknown>, key: string): void {
    const t = timers.get(key);
    if (t === undefined) return;
    this.scheduler.clear(t);
    timers.delete(key);
  }
}
