import {
  type ConsultationSnapshot,
  type CounselorIdentity,
  type EndReason,
  type EnvelopePayload,
  type QueueEntry,
  type SenderRole,
  type StaffConsultation,
  type StoredMessage,
  type TodayFigures,
  tokyoDayStart,
  tokyoParts,
} from '@tsunagari/shared';
import { randomId, type Sodium } from '@tsunagari/shared/crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Clock } from '../clock.js';
import { errors } from '../errors.js';
import { MessageBatcher } from '../repositories/message-batcher.js';
import type { Consultation, Repositories } from '../repositories/types.js';
import { hashToken, newToken } from './tokens.js';

/** Most messages returned by one history call; the caller pages with `afterId`. */
export const HISTORY_PAGE = 500;

/**
 * New messages one sender may add to one consultation per window: far more than anyone typing or
 * pasting sends, so only a runaway or hostile client meets it (it would fill the counselor's
 * screen and the disk). Re-sends of a stored message never count.
 */
export const MESSAGE_FLOOD = { points: 30, seconds: 10 } as const;

/**
 * How long a chat she ended (or that ended on her) without a case record keeps coming back to her
 * console. A reload, a dropped connection or a closed browser must not lose the record for the
 * fiscal-year report; a day covers the rest of her shift and the next one, while the chat is still
 * fresh in her mind. Later than that it is left to her supervisor, and her list stays short.
 */
export const UNRECORDED_RECALL_MS = 24 * 60 * 60 * 1000;

/** Who is acting on a consultation: the anonymous client bound to it, or a staff member. */
export type Actor = { role: 'client'; consultationId: string | null } | { role: 'counselor'; staffId: string };

/**
 * The consultation lifecycle: waiting → active (a counselor took it) → ended. Knows nothing of
 * sockets or SQL; the socket handlers call it and tell people what changed.
 */
export class ConsultationService {
  private readonly writer: MessageBatcher;
  private readonly identities = new Map<string, CounselorIdentity>();
  private readonly flood = new RateLimiterMemory({ keyPrefix: 'messages', points: MESSAGE_FLOOD.points, duration: MESSAGE_FLOOD.seconds });

  constructor(
    private readonly repos: Repositories,
    private readonly sodium: Sodium,
    private readonly clock: Clock,
  ) {
    this.writer = new MessageBatcher(repos.messages);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** A client joins the queue. Her token is returned once and stored only as a hash. */
  start(input: { campaign?: string | undefined; urgent?: boolean | undefined }): { consultation: Consultation; clientToken: string } {
    const clientToken = newToken(this.sodium);
    const consultation: Consultation = {
      id: randomId(this.sodium),
      clientTokenHash: hashToken(this.sodium, clientToken),
      status: 'waiting',
      campaign: input.campaign ?? null,
      urgent: input.urgent ?? false,
      queuedAt: this.now(),
      assignedStaffId: null,
      assignedAt: null,
      endedAt: null,
      endReason: null,
      endedBy: null,
    };
    this.repos.consultations.insert(consultation);
    return { consultation, clientToken };
  }

  /** Checks a client's token for a consultation; unknown id and wrong token look the same. */
  resume(consultationId: string, clientToken: string): Consultation {
    const c = this.repos.consultations.byId(consultationId);
    if (!c || c.clientTokenHash !== hashToken(this.sodium, clientToken)) throw errors.unknownConsultation();
    return c;
  }

  /** The consultation if this actor may act on it; otherwise the error that says why not. */
  access(actor: Actor, consultationId: string): Consultation {
    const c = this.repos.consultations.byId(consultationId);
    if (!c) throw errors.unknownConsultation();
    if (actor.role === 'client') {
      // A client socket is bound to one consultation; any other id is unknown to her.
      if (actor.consultationId !== consultationId) throw errors.unknownConsultation();
    } else if (c.assignedStaffId !== actor.staffId) {
      throw errors.forbidden('not assigned to this counselor');
    }
    return c;
  }

  /** Where the queue order comes from: the router, which createApp starts before anyone connects. */
  private queueSource: (() => QueueEntry[]) | null = null;

  setQueueSource(source: () => QueueEntry[]): void {
    this.queueSource = source;
  }

  queue(): QueueEntry[] {
    if (!this.queueSource) throw errors.invalidState('routing has not started');
    return this.queueSource();
  }

  /** 1-based place in the queue, or null when she is not waiting. */
  positionOf(consultationId: string, queue: QueueEntry[] = this.queue()): number | null {
    return queue.find((e) => e.consultationId === consultationId)?.position ?? null;
  }

  snapshot(c: Consultation): ConsultationSnapshot {
    const entry = c.status === 'waiting' ? this.queue().find((e) => e.consultationId === c.id) : undefined;
    return {
      consultationId: c.id,
      status: c.status,
      position: entry?.position ?? null,
      requeued: entry?.requeued ?? false,
      counselor: c.status === 'active' && c.assignedStaffId ? this.counselorIdentity(c.assignedStaffId) : null,
      messages: this.repos.messages.after(c.id, 0, HISTORY_PAGE),
    };
  }

  /** A counselor's signed public identity. It never changes once made, so it is kept after the first read. */
  counselorIdentity(staffId: string): CounselorIdentity {
    const known = this.identities.get(staffId);
    if (known) return known;
    const s = this.repos.staff.byId(staffId);
    if (!s) throw errors.invalidState('counselor missing');
    const identity: CounselorIdentity = {
      staffId: s.id,
      displayName: s.displayName,
      boxPublicKey: s.boxPublicKey,
      signPublicKey: s.signPublicKey,
      orgSignature: s.orgSignature,
    };
    this.identities.set(staffId, identity);
    return identity;
  }

  /** Commits messages still waiting for their turn's transaction (shutdown). */
  flushWrites(): void {
    this.writer.flush();
  }

  /** A counselor takes a waiting consultation. Exactly one of two racing counselors wins. */
  take(staffId: string, consultationId: string): Consultation {
    const c = this.repos.consultations.byId(consultationId);
    if (!c) throw errors.unknownConsultation();
    if (c.status === 'active') throw errors.alreadyTaken();
    if (c.status === 'ended') throw errors.invalidState('consultation ended');
    if (!this.repos.consultations.assign(consultationId, staffId, this.now())) throw errors.alreadyTaken();
    return this.repos.consultations.byId(consultationId) as Consultation;
  }

  /** Records that the session key was sealed to a counselor. Only her assigned counselor may receive it. */
  grantKey(c: Consultation, staffId: string, sealedKey: string, grantedBy: SenderRole): string {
    if (c.status !== 'active') throw errors.invalidState('not active');
    if (c.assignedStaffId !== staffId) throw errors.forbidden('key for another counselor');
    const grantedAt = this.now();
    this.repos.keyGrants.insert({ consultationId: c.id, staffId, sealedKey, grantedBy, grantedAt });
    return grantedAt;
  }

  /**
   * Stores one envelope (committed with the others of this event-loop turn). The same (sender,
   * seq) sent twice is stored once: re-sends are safe. More than {@link MESSAGE_FLOOD} new messages
   * from one sender in a window are refused with RATE_LIMITED and nothing is stored.
   */
  async send(c: Consultation, actor: Actor, envelope: EnvelopePayload): Promise<{ message: StoredMessage; created: boolean }> {
    if (c.status === 'ended') throw errors.invalidState('consultation ended');
    if (actor.role === 'counselor' && c.status !== 'active') throw errors.invalidState('not active');
    const senderRole: SenderRole = actor.role;
    const floodKey = `${c.id}:${senderRole}`;
    try {
      // Counted before the write, so a burst in one turn is bounded too; refunded below for a re-send.
      await this.flood.consume(floodKey);
    } catch (caught) {
      if (!(caught instanceof RateLimiterRes)) throw caught;
      // Over the limit, a re-send of what is already stored is still answered (its ack was lost).
      const stored = this.repos.messages.bySeq(c.id, senderRole, envelope.seq);
      if (!stored) throw errors.rateLimited();
      return this.sameEnvelope({ message: stored, created: false }, envelope);
    }
    const result = await this.writer.write({
      consultationId: c.id,
      senderRole,
      senderStaffId: actor.role === 'counselor' ? actor.staffId : null,
      seq: envelope.seq,
      nonce: envelope.nonce,
      ciphertext: envelope.ciphertext,
      sentAt: this.now(),
    });
    if (!result.created) void this.flood.reward(floodKey, 1);
    return this.sameEnvelope(result, envelope);
  }

  /** A re-send must be the same envelope; another one under a used seq would be a replay. */
  private sameEnvelope(result: { message: StoredMessage; created: boolean }, envelope: EnvelopePayload): { message: StoredMessage; created: boolean } {
    if (!result.created && (result.message.nonce !== envelope.nonce || result.message.ciphertext !== envelope.ciphertext)) {
      throw errors.invalidState('sequence number already used');
    }
    return result;
  }

  /** The supervisors' board: the Tokyo day so far. */
  todayFigures(): TodayFigures {
    const now = this.clock.now();
    return { day: tokyoParts(now).ymd, ...this.repos.consultations.countSince(tokyoDayStart(now).toISOString()) };
  }

  history(c: Consultation, afterId: number): StoredMessage[] {
    return this.repos.messages.after(c.id, afterId, HISTORY_PAGE);
  }

  /** Ends a consultation; ending twice is harmless and reports the first end. */
  end(c: Consultation, by: SenderRole, reason: EndReason): { endedAt: string; changed: boolean } {
    if (c.status === 'ended') return { endedAt: c.endedAt ?? this.now(), changed: false };
    const endedAt = this.now();
    const changed = this.repos.consultations.end(c.id, endedAt, reason, by);
    return { endedAt, changed };
  }

  /**
   * What her console lists: the consultations she holds (active), then those last assigned to her
   * that ended within {@link UNRECORDED_RECALL_MS} and have no case record yet (so she can still
   * record them). A recorded ended chat is not recalled; neither is anyone else's.
   */
  forConsole(staffId: string): Consultation[] {
    const since = new Date(this.clock.now().getTime() - UNRECORDED_RECALL_MS).toISOString();
    return [...this.repos.consultations.openForStaff(staffId), ...this.repos.consultations.endedUnrecordedForStaff(staffId, since)];
  }

  /** {@link forConsole}, each with the latest key sealed to her and whether it is recorded. */
  mine(staffId: string): StaffConsultation[] {
    return this.forConsole(staffId).map((c) => this.forStaff(c, staffId));
  }

  forStaff(c: Consultation, staffId: string): StaffConsultation {
    return {
      consultationId: c.id,
      status: c.status,
      assignedAt: c.assignedAt,
      sealedKey: this.repos.keyGrants.latestFor(c.id, staffId)?.sealedKey ?? null,
      campaign: c.campaign,
      urgent: c.urgent,
      recordedAt: this.repos.caseRecords.byConsultation(c.id)?.recordedAt ?? null,
    };
  }
}
