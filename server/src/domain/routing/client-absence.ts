import type { EndReason, SenderRole } from '@tsunagari/shared';
import type { Consultation } from '../types.js';
import { eventsOf, type AbandonWaiting, type RoutingContext } from './context.js';
import type { CrossNode } from './cross-node.js';
import type { WaitingSilence } from './silence.js';

/** The lifecycle owner's end of a chat (a parked chat whose woman did not come back). */
export type EndChat = (c: Consultation, by: SenderRole, reason: EndReason) => Promise<{ changed: boolean }>;

/**
 * A woman whose sockets are gone, and back (DESIGN "Queue and routing", issue 15): while waiting
 * she keeps her place for her grace period, then ends as abandoned ('timeout'); from an active
 * chat she is parked after the away period (her counselor told) and the chat ends as
 * 'client_gone' after the gone period. With several nodes she may be back through another node
 * when a timer here runs out: {@link CrossNode.clientPresent} is asked before anything ends.
 */
export class ClientAbsence {
  constructor(
    private readonly ctx: RoutingContext,
    private readonly silence: WaitingSilence,
    private readonly cross: CrossNode,
    private readonly endChat: EndChat,
    private readonly abandon: AbandonWaiting,
  ) {}

  /** A socket of hers is bound to her consultation again; a counselor whose chat was parked is told. */
  async online(consultationId: string): Promise<void> {
    // Asked while she was away (the push went nowhere): asked again now that she is here.
    this.silence.ask(consultationId);
    // Several nodes: another node may be timing her absence; it stops.
    this.ctx.events()?.clientBackHere?.(consultationId);
    this.ctx.grace.clientBack(consultationId);
    // Parked by whichever node timed her (perhaps one that has died since): told here, once.
    if (await this.ctx.router.unpark(consultationId)) await this.tellBack(consultationId);
  }

  /**
   * Several nodes: she is back through another node, which tells her counselor if her chat was
   * parked. A node timing her absence stops; and should it have parked the chat just after that
   * node looked, it tells her counselor itself (one of the two unparks it).
   */
  async backElsewhere(consultationId: string): Promise<void> {
    const timedHere = this.ctx.grace.timingAway(consultationId);
    this.ctx.grace.stopAway(consultationId);
    if (timedHere && (await this.ctx.router.unpark(consultationId))) await this.tellBack(consultationId);
  }

  /** Her counselor, told she is back to a parked chat. */
  private async tellBack(consultationId: string): Promise<void> {
    const staffId = (await this.ctx.repos.consultations.byId(consultationId))?.assignedStaffId;
    if (staffId) this.ctx.events()?.clientAway(consultationId, staffId, false, null);
  }

  /**
   * Her last socket went: while waiting she keeps her place for the grace period; from an active
   * chat she is parked after the away period, and the chat ends after the gone period.
   */
  async offline(consultationId: string): Promise<void> {
    const { grace } = this.ctx;
    grace.clientGone(consultationId);
    if (this.ctx.stopped()) return;
    if ((await this.ctx.router.position(consultationId)) !== null) grace.startClient(consultationId);
    else if ((await this.ctx.repos.consultations.byId(consultationId))?.status === 'active') grace.startAway(consultationId);
  }

  /** Gone from her active chat for the away period: parked, and her counselor told when it ends. */
  async parked(consultationId: string, endsInMs: number): Promise<void> {
    const c = await this.ctx.repos.consultations.byId(consultationId);
    if (this.ctx.stopped() || c?.status !== 'active' || !c.assignedStaffId) return;
    // Back through another node (issue 17): not parked; that node starts her periods if she drops there.
    if (await this.cross.clientPresent(consultationId)) return void this.ctx.grace.stopAway(consultationId);
    // Parked in the shared store, so any node she comes back through tells her counselor.
    await this.ctx.router.park(consultationId);
    // Back between the look and the mark (her node found nothing to unpark): not parked after all.
    if (await this.cross.clientPresent(consultationId)) {
      this.ctx.grace.stopAway(consultationId);
      await this.ctx.router.unpark(consultationId);
      return;
    }
    this.ctx.events()?.clientAway(consultationId, c.assignedStaffId, true, new Date(this.ctx.clock.now().getTime() + endsInMs).toISOString());
  }

  /** Parked for the gone period too: the chat ends as 'client_gone'. */
  async goneOver(consultationId: string): Promise<void> {
    const c = await this.ctx.repos.consultations.byId(consultationId);
    if (this.ctx.stopped() || c?.status !== 'active' || (await this.cross.clientPresent(consultationId))) return;
    if ((await this.endChat(c, 'client', 'client_gone')).changed) eventsOf(this.ctx).clientGone(consultationId);
  }

  /** Her grace ran out while away from the queue: her wait ends as abandoned ('timeout'). */
  async graceOver(consultationId: string): Promise<void> {
    const c = await this.ctx.repos.consultations.byId(consultationId);
    if (this.ctx.stopped() || !c || c.status !== 'waiting') return;
    // Back through another node within her grace (issue 17): her place stays hers.
    if (await this.cross.clientPresent(consultationId)) return;
    await this.abandon(c, 'timeout');
  }
}
