import {
  type Appointment,
  type AppointmentStatus,
  type OutreachVisit,
  type VisitDetails,
  type VisitInput,
  type VisitKind,
  isVisitKind,
  tokyoParts,
} from '@tsunagari/shared';
import { randomId, type Sodium } from '@tsunagari/shared/crypto';
import type { Clock } from '../clock.js';
import { errors } from '../errors.js';
import type { OutreachRepository, VisitWrite } from '../repositories/types.js';
import type { CaseLogActor, CaseLogService } from './case-log.js';

/** How far back "her recent visits" reach in the console's list, and how many at most. */
const MINE_DAYS = 30;
const MINE_LIMIT = 50;

/** What marking an appointment does to its visit, decided before anything is written. */
export interface VisitPlan {
  /** Whether {@link write} writes anything. */
  changes: boolean;
  /** Written in the status change's own transaction (`AppointmentRepository.change`). */
  write: VisitWrite | null;
}

const NOTHING: VisitPlan = { changes: false, write: null };

/**
 * Home visits and accompaniments done (issue 16): marked 済み on an appointment, or logged without
 * one. Both routes make one visit each, which the year report counts. The same rules as the case
 * log: a Tokyo day in the open fiscal year and not ahead, changed only by its maker or a supervisor.
 * Knows nothing of sockets or SQL.
 */
export class OutreachService {
  constructor(
    private readonly visits: OutreachRepository,
    private readonly days: Pick<CaseLogService, 'checkDay'>,
    private readonly sodium: Sodium,
    private readonly clock: Clock,
  ) {}

  /** Logs a visit done without an appointment. DATE_OUT_OF_RANGE for a day ahead or outside the open year. */
  async log(actor: CaseLogActor, input: VisitInput): Promise<OutreachVisit> {
    this.days.checkDay(input.date);
    const visit = this.visit(input.kind, input.date, input, { id: randomId(this.sodium), staffId: actor.staffId, appointmentId: null, correctedAt: null });
    await this.visits.insert(visit);
    return visit;
  }

  /**
   * Replaces a logged visit: its maker or a supervisor (FORBIDDEN), one that exists (UNKNOWN_VISIT).
   * One marked on an appointment is changed by marking the appointment again (INVALID_STATE).
   */
  async correct(actor: CaseLogActor, visitId: string, input: VisitInput): Promise<OutreachVisit> {
    const old = this.mayChange(actor, await this.visits.byId(visitId));
    if (old.appointmentId !== null) throw errors.invalidState('marked on an appointment');
    this.days.checkDay(input.date);
    const visit = this.visit(input.kind, input.date, input, { ...old, correctedAt: this.now() });
    if (!(await this.visits.correct(visit))) throw errors.unknownVisit();
    return visit;
  }

  /** Withdraws a logged visit (kept, counted nowhere): its maker or a supervisor. */
  async withdraw(actor: CaseLogActor, visitId: string): Promise<{ withdrawn: true }> {
    const old = this.mayChange(actor, await this.visits.byId(visitId));
    if (old.appointmentId !== null) throw errors.invalidState('marked on an appointment');
    if (!(await this.visits.withdraw(visitId, this.now()))) throw errors.unknownVisit();
    return { withdrawn: true };
  }

  /** Her own visits of the last {@link MINE_DAYS} days, newest first. */
  mine(staffId: string): Promise<OutreachVisit[]> {
    const since = new Date(this.clock.now().getTime() - MINE_DAYS * 86_400_000).toISOString();
    return this.visits.mine(staffId, since, MINE_LIMIT);
  }

  /**
   * What setting an appointment's status does to its visit, checked whole before the caller writes
   * anything. A visit appointment marked done needs `details` (VISIT_DETAILS_INVALID: a duration
   * band; an agency for an accompaniment and none for a home visit) and a day not ahead of today in
   * the open year (DATE_OUT_OF_RANGE); marked again, its visit is corrected; set to anything else,
   * its visit is withdrawn. Someone else's visit only a supervisor may change (FORBIDDEN). Details
   * for an appointment that is not a visit: VISIT_DETAILS_INVALID.
   */
  async planForAppointment(actor: CaseLogActor, appointment: Appointment, status: AppointmentStatus, details: VisitDetails | undefined): Promise<VisitPlan> {
    if (!isVisitKind(appointment.kind)) {
      if (details) throw errors.visitDetailsInvalid('not a visit');
      return NOTHING;
    }
    const existing = await this.visits.byAppointment(appointment.id);
    if (status !== 'done') {
      if (!existing) return NOTHING;
      this.mayChange(actor, existing);
      return { changes: true, write: { withdraw: { id: existing.id, at: this.now() } } };
    }
    if (!details) throw errors.visitDetailsInvalid('how the visit went is missing');
    const day = tokyoParts(new Date(appointment.startsAt)).ymd;
    this.days.checkDay(day);
    if (existing) {
      this.mayChange(actor, existing);
      const visit = this.visit(appointment.kind, day, details, { ...existing, correctedAt: this.now() });
      return { changes: true, write: { correct: visit } };
    }
    const visit = this.visit(appointment.kind, day, details, { id: randomId(this.sodium), staffId: actor.staffId, appointmentId: appointment.id, correctedAt: null });
    return { changes: true, write: { insert: visit } };
  }

  private mayChange(actor: CaseLogActor, visit: OutreachVisit | null): OutreachVisit {
    if (!visit) throw errors.unknownVisit();
    if (visit.staffId !== actor.staffId && actor.role !== 'supervisor') throw errors.forbidden('not her visit');
    return visit;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private visit(
    kind: VisitKind,
    date: string,
    details: VisitDetails,
    meta: Pick<OutreachVisit, 'id' | 'staffId' | 'appointmentId' | 'correctedAt'> & { recordedAt?: string },
  ): OutreachVisit {
    if ((kind === 'accompaniment') !== (details.agency !== undefined)) throw errors.visitDetailsInvalid('agency does not fit the kind');
    return {
      id: meta.id,
      staffId: meta.staffId,
      kind,
      date,
      durationBand: details.durationBand,
      agency: details.agency ?? null,
      appointmentId: meta.appointmentId,
      recordedAt: meta.recordedAt ?? this.now(),
      correctedAt: meta.correctedAt,
    };
  }
}
