import type { StoreIncarnation } from '../../cluster/store-incarnation.js';
import type { Scheduler } from '../../scheduler.js';
import type { RoutingContext } from './context.js';

/** How far past its expiry an offer must be before another node's sweep takes it on. */
const ORPHANED_OFFER_SLACK_MS = 2_000;

/** What routing asks of the cluster (issue 17); absent with one node. */
export interface ClusterProbe {
  /** Whether other nodes are running now (a live one holds the job lease), asked at boot. */
  clusterRunning?: (() => Promise<boolean>) | undefined;
  /**
   * Whether she has a socket on some live node. A grace timer here runs out while she may have
   * come back through another node; asked before her wait or chat ends as gone.
   */
  clientPresent?: ((consultationId: string) => Promise<boolean>) | undefined;
  /** Whether the shared store still holds what was restored into it (it is lost if Redis restarts). */
  incarnation?: StoreIncarnation | undefined;
}

/** How often a booting node looks again while another node restores the shared store. */
const RESTORE_WAIT_MS = 100;

/**
 * What routing does only because there are several nodes sharing one queue store (issue 17):
 * joining a running cluster at boot, sweeping for the offers of a node that died, taking on the
 * grace timers of a node that died, and asking whether she is back through another node before a
 * timer here ends anything. With one node (a store that is not shared) every answer is "nobody
 * else": nothing here changes what a single process does.
 */
export class CrossNode {
  private readonly running: () => Promise<boolean>;
  private readonly present: (consultationId: string) => Promise<boolean>;
  private readonly incarnation: StoreIncarnation | undefined;
  /** The next sweep for offers a dead node left (shared stores only). */
  private sweep: unknown = null;
  /** The restore of the shared store this node booted on (null with one node, or before boot). */
  private bootedOn: string | null = null;

  constructor(
    private readonly ctx: RoutingContext,
    private readonly scheduler: Scheduler,
    /** The store is shared by several nodes. */
    readonly shared: boolean,
    probe: ClusterProbe,
  ) {
    this.running = probe.clusterRunning ?? (async () => false);
    this.present = probe.clientPresent ?? (async () => false);
    this.incarnation = probe.incarnation;
  }

  /**
   * Several nodes: a socket of hers is bound to the consultation on another node (this node's
   * grace timers, which know only its own sockets, ran out). False with one node.
   */
  clientPresent(consultationId: string): Promise<boolean> {
    return this.present(consultationId);
  }

  /**
   * Where routing's state comes from at boot. One node, or a lone relay whose predecessor died:
   * `restore` from the database. A shared store another live node already runs on: joined as it
   * is — the queue, loads, offers and who is connected, kept by the other nodes (restored from the
   * database it would show every counselor offline and this node's grace timers would requeue the
   * chats, and end the waits, of people whose sockets are on other nodes). A shared store that was
   * never restored or has lost what it held (Redis restarted: it keeps nothing on disk) is
   * restored by the one node that claims it, while the others wait for it and then join; every
   * node's {@link StoreIncarnation} watch sees the loss and stops the node, so nobody runs on an
   * empty store. Returns the restore's id to watch (null with one node) and where the state came from.
   */
  async boot(restore: () => Promise<void>): Promise<{ from: 'database' | 'cluster'; incarnation: string | null }> {
    const booted = await this.bootFrom(restore);
    this.bootedOn = booted.incarnation;
    return booted;
  }

  /**
   * Once booted on a shared store: `lost` is called once if the store no longer holds the restore
   * this node booted on (Redis restarted or flushed). Nothing to watch with one node.
   */
  watchStore(lost: () => void): void {
    if (this.bootedOn !== null) this.incarnation?.watch(this.bootedOn, lost);
  }

  private async bootFrom(restore: () => Promise<void>): Promise<{ from: 'database' | 'cluster'; incarnation: string | null }> {
    const incarnation = this.shared ? this.incarnation : undefined;
    if (!incarnation) {
      if (this.shared && (await this.running())) return this.joined(null);
      await restore();
      return { from: 'database', incarnation: null };
    }
    // Another node was seen restoring the store: once it is restored, that node runs it (it may
    // not hold the job lock yet, which `running` goes by), so this one joins.
    let restoredByAnother = false;
    for (;;) {
      if (this.ctx.stopped()) throw new Error('routing stopped while booting');
      const found = await incarnation.read();
      if (found.state === 'restored') {
        if (restoredByAnother || (await this.running())) return this.joined(found.id);
        // Its nodes are gone (a lone relay restarted): what they left is restored over.
        await restore();
        return { from: 'database', incarnation: found.id };
      }
      if (found.state === 'empty' && (await incarnation.claim())) {
        await restore();
        const id = await incarnation.restored();
        if (id !== null) return { from: 'database', incarnation: id };
        // Redis lost the claim, and part of the restore, meanwhile: whoever restores it next
        // (this node again, or another that claimed it since) does it whole.
      }
      restoredByAnother = true;
      await new Promise((resolve) => setTimeout(resolve, RESTORE_WAIT_MS));
    }
  }

  private async joined(incarnation: string | null): Promise<{ from: 'cluster'; incarnation: string | null }> {
    await this.ctx.router.adoptOffers();
    this.sweepForOrphanedOffers();
    return { from: 'cluster', incarnation };
  }

  /**
   * After a restore: a shared store may hold offers whose timers died with the process that made
   * them (this one before a restart, or another node): they are watched from here on, and swept
   * for while the other nodes live.
   */
  async watchOffersLeft(): Promise<void> {
    await this.ctx.router.adoptOffers();
    if (this.shared) this.sweepForOrphanedOffers();
  }

  /**
   * Every offer timeout, takes on offers at least {@link ORPHANED_OFFER_SLACK_MS} past their
   * expiry that no timer here watches: their node died. A live maker's own timer fires first.
   */
  private sweepForOrphanedOffers(): void {
    if (this.ctx.stopped()) return;
    this.sweep = this.scheduler.set(this.ctx.options.offerTimeoutMs, () => {
      void this.ctx.router
        .adoptOffers(ORPHANED_OFFER_SLACK_MS)
        .catch((caught: unknown) => this.ctx.events()?.failed(caught))
        .finally(() => this.sweepForOrphanedOffers());
    });
  }

  /**
   * A node died, and the grace and silence timers it ran died with it: someone who had dropped
   * before it died would never have hers run out. The node that swept it calls this: for
   * everyone no live node has a socket of, the timers start again here, from now, as `boot` starts
   * them after a restart (at most one period longer, never shorter). A woman's silence is timed
   * here again too. Someone timed on a live node as well is timed twice; each timer's end
   * re-checks what it finds (her presence, her counselor's connection, the chat's state).
   */
  async adoptTimers(): Promise<void> {
    if (this.ctx.stopped()) return;
    const { grace } = this.ctx;
    // One read of the shared store for the queue and the counselors.
    const view = await this.ctx.router.view();
    for (const w of view.waiting) {
      if (!(await this.present(w.consultationId))) grace.startClient(w.consultationId);
      if (!w.requeued) grace.clientSpokeIfUntimed(w.consultationId);
    }
    for (const a of await this.ctx.repos.consultations.active()) {
      if (!(await this.present(a.consultationId))) grace.startAway(a.consultationId);
    }
    for (const c of view.counselors) if (!c.connected && c.load > 0) grace.startStaff(c.staffId);
  }

  /** Server shutdown: no more sweeps. */
  stop(): void {
    if (this.sweep !== null) this.scheduler.clear(this.sweep);
    this.incarnation?.stop();
  }
}
