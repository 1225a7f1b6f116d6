import { askAgain, type AskAgainOptions, NewestAsk } from '@tsunagari/shared/client';
import type { CounselorState, QueueEntry, QueueList, QueueOffer, StaffConsultation, TodayFigures, UrgentAlert } from '@tsunagari/shared';
import type { CapacityChangeEvent } from '../events/capacity-change.event.js';
import type { OfferAcceptEvent } from '../events/offer-accept.event.js';
import type { StatusChangeEvent } from '../events/status-change.event.js';
import type { TakeRequestEvent } from '../events/take-request.event.js';
import { ja } from '../i18n/ja.js';
import * as store from '../state/chats.js';
import { findCounselor, replaceCounselor } from '../state/counselors.js';
import { addedEntries } from '../state/queue.js';
import { playOfferCue } from './offer-cue.js';
import { chatLabel as label, errorText, type WorkspaceContext, WorkspacePart } from './workspace-context.js';

/**
 * The way chats come to her: the queue and taking from it, offers and accepting them, transfers
 * arriving, the counselors' statuses and capacities, and the supervisors' board figures. It
 * subscribes to those pushes itself, for as long as the workspace is on the page.
 * Handlers are arrow properties so the template can bind them as they are. It re-renders through `ctx.host`.
 */
export class QueueRoutingController extends WorkspacePart {
  /** Everyone on staff with their status, load and keys' identity. */
  counselors: readonly CounselorState[] = [];
  /** The supervisors' board figures (supervisors and admins only). */
  today: TodayFigures | null = null;
  /** The server's alert that the urgent share of the queue is unusual (null: ordinary). */
  urgentAlert: UrgentAlert | null = null;
  /** The queue entry she asked to take, until the server answers. */
  takingId: string | null = null;
  /** Why taking failed ('' for none). */
  queueNotice = '';
  /** The offer she accepted, until the server answers. */
  acceptingId: string | null = null;
  /** The status she chose, until the server answers. */
  requestedStatus: 'available' | 'away' | null = null;
  /** Why a status, capacity or offer request failed ('' for none). */
  routingError = '';

  constructor(
    ctx: WorkspaceContext,
    /** Makes a chat hers on screen (see ChatSyncController.started). */
    private readonly started: (c: StaffConsultation, select?: boolean) => Promise<void>,
  ) {
    super(ctx);
    ctx.socket.listen(ctx.host, {
      'queue:changed': (p) => this.queueChanged(p),
      'queue:offer': (o) => this.offer(o),
      'queue:offer-withdrawn': (p) => this.offerWithdrawn(p.consultationId),
      'staff:changed': (p) => this.setCounselors(p.counselors),
      'stats:changed': (figures) => this.setToday(figures),
      'consultation:incoming': (p) => this.incoming(p.consultation, p.fromStaffId),
    });
  }

  /** Her own entry in the counselors' list. */
  get me(): CounselorState | null {
    return findCounselor(this.counselors, this.ctx.session().staff.id);
  }

  /**
   * After a (re)connect: the queue, then the counselors, each asked again while the relay does not
   * answer (a queue left empty by one timed-out answer would hide a waiting woman until the next
   * change). A later reconnect's refresh supersedes this one.
   */
  async refresh(): Promise<void> {
    const options = { stillWanted: this.refreshes.next() };
    await this.refreshQueue(options);
    const staff = await askAgain(() => this.ctx.socket.request('staff:list', {}), options);
    if (staff.ok) this.setCounselors(staff.data.counselors);
  }

  /** An older refresh's retries stop when a reconnect starts a new one. */
  private readonly refreshes = new NewestAsk();

  private async refreshQueue(options: AskAgainOptions = {}): Promise<void> {
    const queue = await askAgain(() => this.ctx.socket.request('queue:list', {}), options);
    if (options.stillWanted && !options.stillWanted()) return;
    if (!queue.ok) {
      // Said where the list is, so she knows the empty list may not be the whole truth.
      this.queueNotice = ja.queue.loadFailed;
      this.update();
      return;
    }
    if (this.queueNotice === ja.queue.loadFailed) this.queueNotice = '';
    this.urgentAlert = queue.data.urgentAlert ?? null;
    this.model = { ...this.model, queue: queue.data.entries };
  }

  /** The board's figures, asked for after a (re)connect and when Tokyo midnight has passed. */
  async loadToday(): Promise<void> {
    const today = await this.ctx.socket.request('stats:today', {});
    if (today.ok) this.setToday(today.data);
  }

  /** Pushed or fetched: today's figures for the board. */
  private setToday(figures: TodayFigures): void {
    this.today = figures;
    this.update();
  }

  /** Pushed or fetched: the counselors' list. */
  private setCounselors(list: readonly CounselorState[]): void {
    this.counselors = list;
    this.update();
  }

  /** Pushed: the queue changed; new entries are announced, urgent ones as such. */
  private queueChanged({ entries, urgentAlert }: QueueList): void {
    this.urgentAlert = urgentAlert ?? null;
    const added = addedEntries(this.model.queue, entries);
    this.model = { ...this.model, queue: entries };
    if (added.some((e) => e.urgent)) this.ctx.announce(ja.announce.urgentQueueEntry);
    else if (added.length > 0) this.ctx.announce(ja.announce.newQueueEntry(added.length));
  }

  /** Pushed: a client is offered to her. */
  private offer(offer: QueueOffer): void {
    this.model = store.addOffer(this.model, offer);
    // Visible (the card), audible (a short chime), and spoken (the live region).
    playOfferCue();
    this.ctx.announce(`${ja.offers.heading}：${label(offer.consultationId)}`);
  }

  /** Pushed: an offer to her was withdrawn. */
  private offerWithdrawn(id: string): void {
    this.model = store.removeOffer(this.model, id);
  }

  /** Pushed: a chat was transferred to her; shown at once only if she has none open. */
  private incoming(c: StaffConsultation, fromStaffId: string | null): void {
    const from = this.counselors.find((s) => s.staffId === fromStaffId)?.displayName ?? '';
    void this.started(c, this.model.selectedId === null);
    this.ctx.announce(ja.transfer.incoming(label(c.consultationId), from));
    playOfferCue();
  }

  /** Accepts an offer (one at a time); the chat becomes hers and is shown. */
  readonly onOfferAccept = async (e: OfferAcceptEvent): Promise<void> => {
    const id = e.detail.consultationId;
    if (this.acceptingId) return;
    this.acceptingId = id;
    this.routingError = '';
    this.update();
    const res = await this.ctx.socket.request('offer:accept', { consultationId: id });
    this.acceptingId = null;
    this.model = store.removeOffer(this.model, id);
    if (!res.ok) this.routingError = errorText(res.error);
    this.update();
    if (!res.ok) return;
    await this.started(res.data);
  };

  /** Takes a client from the queue (one at a time); if someone was quicker, the queue is fetched again. */
  readonly onTake = async (e: TakeRequestEvent): Promise<void> => {
    const id = e.detail.consultationId;
    if (this.takingId) return;
    this.takingId = id;
    this.queueNotice = '';
    this.update();
    const res = await this.ctx.socket.request('consultation:take', { consultationId: id });
    this.takingId = null;
    if (!res.ok) this.queueNotice = errorText(res.error);
    this.update();
    if (!res.ok) {
      if (res.error === 'ALREADY_TAKEN') void this.refreshQueue();
      return;
    }
    this.model = store.removeOffer(this.model, id);
    await this.started(res.data);
  };

  /** Her own status: available or away. */
  readonly onStatusChange = async (e: StatusChangeEvent): Promise<void> => {
    this.routingError = '';
    this.requestedStatus = e.detail.status;
    this.update();
    const res = await this.ctx.socket.request('staff:status', { status: e.detail.status });
    // A newer choice made meanwhile is the one still on its way.
    if (this.requestedStatus === e.detail.status) this.requestedStatus = null;
    if (!res.ok) this.routingError = ja.status.changeFailed;
    else this.counselors = replaceCounselor(this.counselors, res.data);
    this.update();
  };

  /** A counselor's capacity (how many chats at once); announced once saved. */
  readonly onCapacity = async (e: CapacityChangeEvent): Promise<void> => {
    this.routingError = '';
    this.update();
    const res = await this.ctx.socket.request('staff:capacity', e.detail);
    if (!res.ok) this.routingError = errorText(res.error);
    else this.counselors = replaceCounselor(this.counselors, res.data);
    this.update();
    if (!res.ok) return;
    this.ctx.announce(ja.counselors.saved(res.data.displayName, res.data.capacity));
  };
}
