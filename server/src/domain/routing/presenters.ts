import type { ConsultationSnapshot, CounselorState, HistoryPage, QueueEntry, QueueList, QueuePosition, StaffConsultation } from '@tsunagari/shared';
import type { Clock } from '../../clock.js';
import { errors } from '../../errors.js';
import type { Repositories } from '../../repositories/types.js';
import type { ConsultationService } from '../consultations.js';
import type { CounselorDirectory } from '../counselors.js';
import type { Consultation } from '../types.js';
import type { RoutingOptions } from './options.js';
import { waitEstimator } from './policy.js';
import type { QueuePlace, RoutingView } from './types.js';
import { urgentAlert, type UrgentAlertOptions } from './urgent-alert.js';

/**
 * What staff and clients are shown, shaped in one place: the queue, each waiting woman's place,
 * the counselors' board, a counselor's view of a chat, and a client's snapshot. Reads only; the
 * routing picture is passed in (one read of the store serves a whole push).
 */
export class Presenter {
  constructor(
    private readonly repos: Pick<Repositories, 'keyGrants' | 'caseRecords' | 'handover' | 'messages'>,
    private readonly consultations: Pick<ConsultationService, 'forConsole' | 'history'>,
    private readonly counselors: CounselorDirectory,
    private readonly options: Pick<RoutingOptions, 'defaultHandleMs' | 'alternativesAfterSeconds'> & UrgentAlertOptions,
    private readonly clock: Clock,
  ) {}

  /** The queue as staff see it, with the supervisors' alert when the urgent share is unusual. */
  queueList(view: RoutingView): QueueList {
    const alert = urgentAlert(view.waiting, this.clock.now().getTime(), this.options);
    return { entries: this.queue(view), ...(alert ? { urgentAlert: alert } : {}) };
  }

  /** The queue as staff see it. */
  queue(view: RoutingView): QueueEntry[] {
    return view.waiting.map((q, i) => ({
      consultationId: q.consultationId,
      queuedAt: q.queuedAt,
      urgent: q.urgent,
      campaign: q.campaign ?? null,
      position: i + 1,
      ...(q.requeued ? { requeued: true } : {}),
    }));
  }

  /** What each waiting client is told: place, length, estimate and whether to show alternatives. */
  positions(view: RoutingView): QueuePosition[] {
    return this.positionsOf(view.waiting.map((item) => item.consultationId), view);
  }

  /**
   * {@link positions} from the waiting women's ids in queue order (`order`) and the counselors and
   * handle times of `view` (its queue not read): a place push needs no more.
   */
  positionsOf(order: readonly string[], view: Pick<RoutingView, 'counselors' | 'handleTimes'>): QueuePosition[] {
    const estimate = waitEstimator(view, this.options);
    return order.map((consultationId, i) => ({
      consultationId,
      position: i + 1,
      waiting: order.length,
      ...estimate(i + 1),
    }));
  }

  /** The counselors' board, by name. */
  async counselorStates(view: RoutingView): Promise<CounselorState[]> {
    const states = await Promise.all(
      view.counselors.map(async (slot) => {
        const { displayName, identity } = await this.counselors.card(slot.staffId);
        return {
          staffId: slot.staffId,
          displayName,
          status: slot.connected ? slot.status : ('offline' as const),
          capacity: slot.capacity,
          load: slot.load,
          identity,
        };
      }),
    );
    return states.sort((a, b) => (a.displayName < b.displayName ? -1 : 1));
  }

  /** One counselor's line of the board; FORBIDDEN for staff who are not routed to. */
  async counselorState(view: RoutingView, staffId: string): Promise<CounselorState> {
    const found = (await this.counselorStates(view)).find((c) => c.staffId === staffId);
    if (!found) throw errors.forbidden('not a counselor');
    return found;
  }

  /** Her view of a chat: its state, every epoch's key sealed to her, her read mark, handover notes, whether it is recorded. */
  async forStaff(c: Consultation, staffId: string): Promise<StaffConsultation> {
    const notes = await this.repos.handover.notes(c.id);
    return {
      consultationId: c.id,
      status: c.status,
      assignedAt: c.assignedAt,
      sealedKeys: await this.repos.keyGrants.forStaff(c.id, staffId),
      campaign: c.campaign,
      urgent: c.urgent,
      recordedAt: (await this.repos.caseRecords.byConsultation(c.id))?.recordedAt ?? null,
      lastReadId: await this.repos.handover.readMark(c.id, staffId),
      ...(notes.length ? { handover: notes } : {}),
    };
  }

  /** Her console's list ({@link ConsultationService.forConsole}) in her view. */
  async mine(staffId: string): Promise<StaffConsultation[]> {
    return Promise.all((await this.consultations.forConsole(staffId)).map((c) => this.forStaff(c, staffId)));
  }

  /**
   * What her widget needs after a reload or on another device: state, place, counselor, history.
   * `place`: hers in the queue (`Router.place`), read alone — not the whole queue.
   */
  async snapshot(c: Consultation, place: QueuePlace | null): Promise<ConsultationSnapshot> {
    const at = c.status === 'waiting' ? place : null;
    const active = c.status === 'active' ? c.assignedStaffId : null;
    return {
      consultationId: c.id,
      status: c.status,
      position: at ? at.position : null,
      requeued: at ? at.item.requeued : false,
      counselor: active ? await this.counselors.identity(active) : null,
      assignedAt: active ? c.assignedAt : null,
      keyEpoch: await this.repos.keyGrants.newestEpoch(c.id),
      ...firstPage(await this.consultations.history(c, 0)),
    };
  }
}

/** A history page as a snapshot carries it. */
function firstPage(page: HistoryPage): Pick<ConsultationSnapshot, 'messages' | 'moreMessages'> {
  return { messages: page.messages, moreMessages: page.more };
}
