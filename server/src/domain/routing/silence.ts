import type { Consultation } from '../types.js';
import type { AbandonWaiting, RoutingContext } from './context.js';

/**
 * A waiting woman's silence (issue 14): one who sends nothing for the silence period is asked
 * 「まだお待ちですか？」, and ended as abandoned (cause 'silent') when she does not answer in time. A
 * script that starts and then sits in the queue would otherwise hold its place for ever; a woman
 * who waits quietly is asked before anything ends. The timers are {@link GracePeriods}'; this
 * decides what they mean. Only new starts are timed: a chat back in the queue ends by her grace.
 */
export class WaitingSilence {
  constructor(
    private readonly ctx: RoutingContext,
    private readonly abandon: AbandonWaiting,
  ) {}

  /**
   * A waiting client she sent something (message:send while waiting): her silence counts from now.
   * Anything else is ignored here.
   */
  spoke(c: Consultation): void {
    if (c.status !== 'waiting') return;
    this.ctx.grace.clientSpoke(c.id);
    this.ctx.events()?.clientSpokeHere?.(c.id, false);
  }

  /**
   * She answered `queue:still-waiting`: her place stays and her silence counts again from now.
   * False (nothing changes) when she was not asked: the answer cannot keep a script's place. With
   * several nodes the node that asked may be another one: it is told and counts it there.
   */
  stillHere(c: Consultation): boolean {
    if (c.status !== 'waiting') return false;
    const answered = this.ctx.grace.clientAnswered(c.id);
    this.ctx.events()?.clientSpokeHere?.(c.id, true);
    return answered;
  }

  /**
   * Another node saw her speak (`answered`: her answer to the question) while she waits. Counted
   * only where her silence is timed (or, for an answer, where she was asked): a node that does not
   * time her starts nothing, so the answer still cannot keep a place nobody asked about.
   */
  spokeElsewhere(consultationId: string, answered: boolean): void {
    if (answered) this.ctx.grace.clientAnswered(consultationId);
    else this.ctx.grace.clientSpokeIfTimed(consultationId);
  }

  /** Her silence ran out: asked, if she still waits as a new start. */
  async askIfWaiting(consultationId: string): Promise<void> {
    const c = await this.ctx.repos.consultations.byId(consultationId);
    const item = (await this.ctx.router.place(consultationId))?.item;
    // Taken meanwhile, ended, or a chat back in the queue (only her grace ends those): not asked.
    if (this.ctx.stopped() || c?.status !== 'waiting' || item?.requeued !== false) return void this.ctx.grace.clientNotWaiting(consultationId);
    this.ask(consultationId);
  }

  /** Pushes the question with the time the grace timers hold for her answer (again after a reconnect). */
  ask(consultationId: string): void {
    const by = this.ctx.grace.answerBy(consultationId);
    if (by !== undefined) this.ctx.events()?.stillWaiting(consultationId, new Date(by).toISOString());
  }

  /** She sent nothing (or did not answer) for too long while waiting: ended as abandoned, 'silent'. */
  async ranOut(consultationId: string): Promise<void> {
    const c = await this.ctx.repos.consultations.byId(consultationId);
    if (this.ctx.stopped() || !c || c.status !== 'waiting') return;
    // A chat that went back to the queue is not a new start that never spoke: only her grace ends it.
    if ((await this.ctx.router.place(consultationId))?.item.requeued !== false) return;
    await this.abandon(c, 'silent');
  }
}
