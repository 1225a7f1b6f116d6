import type { QueuePosition, TodayFigures } from '@tsunagari/shared';
import type { RoutingChange } from '../domain/routing/events.js';
import type { Logger } from '../log.js';
import { realScheduler, type Scheduler } from '../scheduler.js';
import type { Services } from '../services.js';
import { describeError } from '../errors.js';
import { rooms, type TsunagariServer } from './types.js';

/** How often at most the demand counters alone make a push of today's figures. */
export const FIGURES_EVERY_MS = 5_000;

/**
 * Several nodes: changes are gathered at least this long before a push, not one event-loop turn.
 * Each push reads the queue from Redis on every node (`queue:moved`: its ids in order; the board,
 * on the node that changed it, every entry), and with thousands waiting and women arriving every
 * few milliseconds a push per turn was a read of the queue per arrival on each node. A place or a
 * board a tenth of a second later changes nothing she sees.
 */
export const SHARED_PUSH_MS = 100;

/**
 * Several nodes, a long queue: a push costs in proportion to the queue (the board lists everyone,
 * and every woman's place is compared), so pushes are spaced in proportion too — a tenth of a
 * millisecond per woman waiting, up to {@link SHARED_PUSH_MAX_MS} — keeping what pushes cost a
 * second flat however many wait. With 10,000 waiting she learns her place within a second.
 */
export const SHARED_PUSH_MS_PER_WAITING = 0.1;
export const SHARED_PUSH_MAX_MS = 2_000;

/**
 * Pushes the queue, today's figures and the counselors' states to staff and each waiting client her place,
 * coalesced: any number of changes in one event-loop turn make one push, and a client is told
 * only when what she sees (place, estimate, whether to show alternatives) changed. Without this,
 * N clients joining cost N² pushes.
 * Several nodes (`shared`): the board goes to every staff socket through the adapter from the
 * node that made the change, once; but each node tells only the waiting women whose sockets are
 * on it their place, from the shared queue, after any change anywhere (the changing node tells
 * the others with one `queue:moved`). Before, the changing node pushed each woman's place through
 * the adapter — a packet per woman per change, read and decoded by every node — and kept what it
 * had told per node, so a woman was told an unchanged place again by each node that changed it.
 */
export class QueuePusher {
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  /** Shut down: the closing sockets' changes push nothing (the shared queue may be closed by the time a timer fires). */
  private stopped = false;
  private queueDirty = false;
  private counselorsDirty = false;
  /** What each waiting client was last told, by consultation id. */
  private readonly told = new Map<string, QueuePosition>();
  private figuresTimer: unknown = null;
  /** How many waited at the last push (several nodes: spaces the next, {@link SHARED_PUSH_MS_PER_WAITING}). */
  private lastWaiting = 0;

  constructor(
    private readonly io: TsunagariServer,
    private readonly services: Pick<Services, 'routing' | 'presenter' | 'consultations'>,
    private readonly log: Logger,
    private readonly scheduler: Scheduler = realScheduler,
    /** Several nodes: staff on other nodes are reached through the adapter, so a push is never skipped here. */
    private readonly shared = false,
  ) {}

  /**
   * Today's demand counters moved (a widget opened, a start turned away): one push of today's
   * figures within {@link FIGURES_EVERY_MS}, however many counts came meanwhile — a script opening
   * the widget cannot make the relay push to every staff socket each time.
   */
  figuresChanged(): void {
    if (this.figuresTimer !== null || this.stopped) return;
    this.figuresTimer = this.scheduler.set(FIGURES_EVERY_MS, () => {
      this.figuresTimer = null;
      if (this.staffListening()) void this.pushFigures();
    });
  }

  /** The queue, the counselors, or both changed: one push at the end of the turn, whatever else changes. */
  changed(what: RoutingChange): void {
    if (what.queue) this.queueDirty = true;
    if (what.counselors) this.counselorsDirty = true;
    this.schedule();
  }

  /** Several nodes: another node changed routing (`queue:moved`); the women here are told their places again. */
  moved(): void {
    this.schedule();
  }

  /** Her socket joined again (reload, resume): tell her afresh even if nothing moved. */
  rejoined(consultationId: string): void {
    this.told.delete(consultationId);
    this.schedule();
  }

  /** Stops pending pushes (shutdown). */
  stop(): void {
    this.stopped = true;
    if (this.figuresTimer !== null) this.scheduler.clear(this.figuresTimer);
    this.figuresTimer = null;
    // Each kind by its own clear: clearImmediate given a timer corrupts Node's queue of immediates.
    if (this.scheduled && this.shared) clearTimeout(this.scheduled as NodeJS.Timeout);
    else if (this.scheduled) clearImmediate(this.scheduled as NodeJS.Immediate);
    this.scheduled = null;
  }

  /** Whether a staff push can reach anyone: any staff socket here, or, with several nodes, perhaps elsewhere. */
  private staffListening(): boolean {
    return this.shared || (this.io.sockets.adapter.rooms.get(rooms.staff)?.size ?? 0) > 0;
  }

  private schedule(): void {
    if (this.stopped) return;
    const push = () => {
      this.scheduled = null;
      this.flush().catch((caught: unknown) => this.log.error({ event: 'queue.push_failed', err: describeError(caught) }, 'queue push failed'));
    };
    this.scheduled ??= this.shared ? setTimeout(push, sharedPushMs(this.lastWaiting)) : setImmediate(push);
  }

  /**
   * Today's figures come from the database, unlike everything else here; a push that lands while
   * the server is closing it is skipped rather than thrown out of a timer (which would end the process).
   */
  private async pushFigures(): Promise<void> {
    let figures: TodayFigures;
    try {
      figures = await this.services.consultations.todayFigures();
    } catch {
      return;
    }
    this.io.to(rooms.staff).emit('stats:changed', figures);
  }

  private async flush(): Promise<void> {
    const queueDirty = this.queueDirty;
    const counselorsDirty = this.counselorsDirty;
    this.queueDirty = false;
    this.counselorsDirty = false;
    const { routing, presenter } = this.services;
    // Told before this node reads the queue: the others read it after this change, whichever is first.
    if (this.shared && (queueDirty || counselorsDirty)) this.io.serverSideEmit('queue:moved');
    const list = queueDirty && this.staffListening();
    // Several nodes, no board to push: the places need only the queue's ids in order (no woman's
    // entry read or decoded) and the counselors; one light read per push on each node.
    const light = this.shared && !list;
    const view = await routing.router.view(light ? 0 : undefined);
    if (list) {
      this.io.to(rooms.staff).emit('queue:changed', presenter.queueList(view));
      void this.pushFigures();
    }
    if (counselorsDirty) this.io.to(rooms.staff).emit('staff:changed', { counselors: await presenter.counselorStates(view) });
    const positions = light ? presenter.positionsOf(await routing.router.queueIds(), view) : presenter.positions(view);
    this.lastWaiting = positions.length;
    const waiting = new Set<string>();
    const here = this.io.sockets.adapter.rooms;
    for (const p of positions) {
      const room = rooms.consultation(p.consultationId);
      // Several nodes: her own node tells her (it was told of the change too).
      if (this.shared && !here.has(room)) continue;
      waiting.add(p.consultationId);
      // Compared field by field: this runs for everyone waiting on every change, and with
      // thousands waiting a string per client per turn was most of what an arrival cost.
      if (sameView(this.told.get(p.consultationId), p)) continue;
      this.told.set(p.consultationId, p);
      (this.shared ? this.io.local : this.io).to(room).emit('queue:position', p);
    }
    for (const id of this.told.keys()) if (!waiting.has(id)) this.told.delete(id);
  }
}

/** Several nodes: how long changes are gathered before a push, with `waiting` women in the queue. */
export function sharedPushMs(waiting: number): number {
  return Math.min(SHARED_PUSH_MAX_MS, Math.max(SHARED_PUSH_MS, Math.round(waiting * SHARED_PUSH_MS_PER_WAITING)));
}

/** Whether she would see the same thing: place, estimate and whether alternatives are shown. */
function sameView(told: QueuePosition | undefined, now: QueuePosition): boolean {
  return (
    told !== undefined &&
    told.position === now.position &&
    (told.estimatedWaitSeconds ?? null) === (now.estimatedWaitSeconds ?? null) &&
    Boolean(told.showAlternatives) === Boolean(now.showAlternatives)
  );
}
