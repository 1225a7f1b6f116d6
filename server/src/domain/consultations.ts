import { answerRate, HISTORY_PAGE_BYTES, type HistoryPage, type SealedEpochKey, type SenderRole, type TodayFigures, tokyoDayStart, tokyoParts } from '@tsunagari/shared';
import type { Sodium } from '@tsunagari/shared/crypto';
import type { Clock } from '../clock.js';
import { errors } from '../errors.js';
import type { Repositories } from '../repositories/types.js';
import { hashToken } from './tokens.js';
import { waitPercentiles } from './waits.js';
import type { Actor, Consultation, KeyGrant } from './types.js';

/** Most messages returned by one history call (HISTORY_PAGE_BYTES bounds it first); the caller pages with `afterId`. */
export const HISTORY_PAGE = 500;

/**
 * How long a chat she ended (or that ended on her) without a case record keeps coming back to her
 * console. A reload, a dropped connection or a closed browser must not lose the record for the
 * fiscal-year report; a day covers the rest of her shift and the next one, while the chat is still
 * fresh in her mind. Later than that it is left to her supervisor, and her list stays short.
 */
export const UNRECORDED_RECALL_MS = 24 * 60 * 60 * 1000;

/** The grant rows for keys sealed to one staff member, one per key epoch. */
export function grantsOf(consultationId: string, staffId: string, sealedKeys: readonly SealedEpochKey[], grantedBy: SenderRole, grantedAt: string): KeyGrant[] {
  return sealedKeys.map((k) => ({ consultationId, staffId, keyEpoch: k.keyEpoch, sealedKey: k.sealedKey, grantedBy, grantedAt }));
}

/**
 * Who may act on a consultation, and what the people in it read and grant there. Its lifecycle
 * (start, take, end, requeue, transfer) belongs to the routing service alone. Knows nothing of
 * sockets or SQL.
 */
export class ConsultationService {
  constructor(
    private readonly repos: Pick<Repositories, 'consultations' | 'handover' | 'keyGrants' | 'messages' | 'demand'>,
    private readonly sodium: Sodium,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks a client's token for a consultation; unknown id, wrong token and ended consultation look
   * the same (the end revoked her token: whoever holds her phone learns nothing from the answer).
   */
  async resume(consultationId: string, clientToken: string): Promise<Consultation> {
    const c = await this.repos.consultations.byId(consultationId);
    if (!c || c.status === 'ended' || c.clientTokenHash !== hashToken(this.sodium, clientToken)) throw errors.unknownConsultation();
    return c;
  }

  /**
   * The consultation if this actor may act on it; otherwise the error that says why not. Once it
   * ended, every client request about it is refused, history included (issue 15: no way back in
   * after she leaves): INVALID_STATE to a socket that was in it, UNKNOWN_CONSULTATION to anyone
   * else (token and code were revoked). Her counselor keeps access, to record it.
   */
  async access(actor: Actor, consultationId: string): Promise<Consultation> {
    const c = await this.repos.consultations.byId(consultationId);
    if (!c) throw errors.unknownConsultation();
    if (actor.role === 'client') {
      // A client socket is bound to one consultation; any other id is unknown to her.
      if (actor.consultationId !== consultationId) throw errors.unknownConsultation();
      if (c.status === 'ended') throw errors.invalidState('consultation ended');
    } else if (c.assignedStaffId !== actor.staffId) {
      throw errors.forbidden('not assigned to this counselor');
    }
    return c;
  }

  /**
   * {@link access} for a message she (or he) sends, the check of every message: the same answer,
   * from the row as this process last knew it (`recent`; on PostgreSQL a kept row, dropped as soon
   * as any node announces a change of it). A kept row that would refuse is read again, so a chat
   * just given to him lets him in at once.
   */
  async accessToWrite(actor: Actor, consultationId: string): Promise<Consultation> {
    const kept = await this.repos.consultations.recent(consultationId);
    if (kept && mayWrite(actor, kept)) return kept;
    return this.access(actor, consultationId);
  }

  /**
   * Records session keys sealed to a counselor, one per key epoch. Only her assigned counselor may
   * receive them: a counselor who held the chat before gets no key of an epoch begun after her.
   */
  async grantKeys(c: Consultation, staffId: string, sealedKeys: readonly SealedEpochKey[], grantedBy: SenderRole): Promise<string> {
    if (c.status !== 'active') throw errors.invalidState('not active');
    if (c.assignedStaffId !== staffId) throw errors.forbidden('key for another counselor');
    const grantedAt = this.clock.now().toISOString();
    await this.repos.keyGrants.grant(grantsOf(c.id, staffId, sealedKeys, grantedBy, grantedAt));
    return grantedAt;
  }

  /** Raises her read mark in a chat she holds; the mark after (it never goes back). */
  read(staffId: string, c: Consultation, lastReadId: number): Promise<number> {
    return this.repos.handover.setReadMark(c.id, staffId, lastReadId);
  }

  /** One page of messages after `afterId` (at most HISTORY_PAGE_BYTES, HISTORY_PAGE rows). */
  history(c: Consultation, afterId: number): Promise<HistoryPage> {
    return this.repos.messages.page(c.id, afterId, HISTORY_PAGE_BYTES, HISTORY_PAGE);
  }

  /**
   * The supervisors' board: the Tokyo day so far — women who came, taken up, left while waiting,
   * the answer rate and the waits of those taken up today, and today's demand counters.
   */
  async todayFigures(): Promise<TodayFigures> {
    const now = this.clock.now();
    const day = tokyoParts(now).ymd;
    const since = tokyoDayStart(now).toISOString();
    const counts = await this.repos.consultations.countSince(since);
    const { opened, closed, refused } = (await this.repos.demand.between(day, day))[0] ?? { opened: 0, closed: 0, refused: 0 };
    return {
      day,
      ...counts,
      answerRate: answerRate(counts.answered, counts.leftWaiting),
      ...waitPercentiles(await this.repos.consultations.waitsSince(since)),
      opened,
      closed,
      refused,
    };
  }

  /**
   * What her console lists: the consultations she holds (active), then those last assigned to her
   * that ended within {@link UNRECORDED_RECALL_MS} and have no case record yet (so she can still
   * record them). A recorded ended chat is not recalled; neither is anyone else's.
   */
  async forConsole(staffId: string): Promise<Consultation[]> {
    const since = new Date(this.clock.now().getTime() - UNRECORDED_RECALL_MS).toISOString();
    return [...(await this.repos.consultations.openForStaff(staffId)), ...(await this.repos.consultations.endedUnrecordedForStaff(staffId, since))];
  }
}

/** Whether this row lets the actor send a message: her chat until it ends, his while he holds it. */
function mayWrite(actor: Actor, c: Consultation): boolean {
  return actor.role === 'client' ? actor.consultationId === c.id && c.status !== 'ended' : c.assignedStaffId === actor.staffId && c.status === 'active';
}
