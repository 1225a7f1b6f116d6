import type { QueuePosition, TodayFigures } from '@tsunagari/shared';
import type { RoutingService } from '../domain/routing-service.js';
import { rooms, type TsunagariServer } from './types.js';

/**
 * Pushes the queue, today's figures and the counselors' states to staff and each waiting client her place,
 * coalesced: any number of changes in one event-loop turn make one push, and a client is told
 * only when what she sees (place, estimate, whether to show alternatives) changed. Without this,
 * N clients joining cost N² pushes.
 */
export class QueuePusher {
  private scheduled: NodeJS.Immediate | null = null;
  private staffDirty = false;
  private counselorsDirty = false;
  /** What each waiting client was last told, by consultation id. */
  private readonly told = new Map<string, QueuePosition>();

  constructor(
    private readonly io: TsunagariServer,
    private readonly routing: RoutingService,
    /** Today's figures; they move only when the queue does (taken up, or left while waiting). */
    private readonly figures: () => TodayFigures,
  ) {}

  /** The queue or the counselors changed. */
  changed(): void {
    this.staffDirty = true;
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** A counselor's status, capacity or load changed. */
  counselorsChanged(): void {
    this.counselorsDirty = true;
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Her socket joined again (reload, resume): tell her afresh even if nothing moved. */
  rejoined(consultationId: string): void {
    this.told.delete(consultationId);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Stops pending pushes (shutdown). */
  stop(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
  }

  /**
   * Today's figures come from the database, unlike everything else here; a push that lands while
   * the server is closing it is skipped rather than thrown out of a timer (which would end the process).
   */
  private pushFigures(): void {
    let figures: TodayFigures;
    try {
      figures = this.figures();
    } catch {
      return;
    }
    this.io.to(rooms.staff).emit('stats:changed', figures);
  }

  private flush(): void {
    this.scheduled = null;
    if (this.staffDirty && (this.io.sockets.adapter.rooms.get(rooms.staff)?.size ?? 0) > 0) {
      this.io.to(rooms.staff).emit('queue:changed', { entries: this.routing.queue() });
      this.pushFigures();
    }
    this.staffDirty = false;
    if (this.counselorsDirty) this.io.to(rooms.staff).emit('staff:changed', { counselors: this.routing.counselorStates() });
    this.counselorsDirty = false;
    const waiting = new Set<string>();
    for (const p of this.routing.positions()) {
      waiting.add(p.consultationId);
      // Compared field by field: this runs for everyone waiting on every change, and with
      // thousands waiting a string per client per turn was most of what an arrival cost.
      if (sameView(this.told.get(p.consultationId), p)) continue;
      this.told.set(p.consultationId, p);
      this.io.to(rooms.consultation(p.consultationId)).emit('queue:position', p);
    }
    for (const id of this.told.keys()) if (!waiting.has(id)) this.told.delete(id);
  }
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
