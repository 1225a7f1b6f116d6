import {
  type Appointment,
  type AppointmentBookPayload,
  type AppointmentStatus,
  DEFAULT_APPOINTMENT_MINUTES,
  type HandoffKind,
  type VisitDetails,
  MAX_BOOKING_AHEAD_DAYS,
  RESERVATION_CODE_ALPHABET,
  RESERVATION_CODE_LENGTH,
} from '@tsunagari/shared';
import { randomId, type Sodium } from '@tsunagari/shared/crypto';
import type { Clock } from '../clock.js';
import { errors } from '../errors.js';
import type { CaseLogActor } from './case-log.js';
import type { OutreachService } from './outreach.js';
import type { AppointmentRepository, ConsultationRepository, StaffRepository } from '../repositories/types.js';
import { ANY_TIME, type BookingRules } from './booking-rules.js';
import { KeyedSerial } from './routing/serial.js';

/** What a booking may add to kind and time: its length, and the interview-day warning confirmed. */
export interface BookingChoices {
  minutes?: number | undefined;
  offDayConfirmed?: boolean | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Plans of one status change before it gives up (INVALID_STATE): each retry follows a change
 * another node or process committed in between, so more than a few means it is being fought over.
 */
const STATUS_ATTEMPTS = 5;

/** How far back `list` reaches: last week's appointments stay on the calendar to be marked done or no-show. */
export const APPOINTMENT_LIST_PAST_DAYS = 7;

/**
 * Tries at a free code before giving up. With ~887 million codes and at most a few hundred booked
 * at a time, even a second try is a one-in-millions event; the cap only guards a broken generator.
 */
const CODE_ATTEMPTS = 20;

/**
 * A reservation code: RESERVATION_CODE_LENGTH characters, each drawn uniformly from
 * RESERVATION_CODE_ALPHABET with libsodium's `randombytes_uniform` (no modulo bias, which taking
 * random bytes modulo 31 would have).
 */
export function newReservationCode(sodium: Pick<Sodium, 'randombytes_uniform'>): string {
  let code = '';
  for (let i = 0; i < RESERVATION_CODE_LENGTH; i++) code += RESERVATION_CODE_ALPHABET[sodium.randombytes_uniform(RESERVATION_CODE_ALPHABET.length)];
  return code;
}

/**
 * Hand-off appointments (DESIGN "Hand-off", journey 2: she books a hand-off): a counselor books one
 * from the chat she holds and the server makes its reservation code; staff list, find by code and
 * mark them. Knows nothing of sockets or SQL.
 */
export class AppointmentService {
  /**
   * Status changes of one appointment, one at a time on this node: each checks what is stored
   * (whether her code is booked by another, the visit marked on it) and then writes, with awaits
   * between. Across nodes the appointment's version decides (`AppointmentRepository.change`): a
   * change planned from a read another node's change overtook is planned again. Bookings
   * need none of this: the overlap check is inside the insert, and a code taken meanwhile makes
   * the insert fail and the booking draw again (see {@link store}).
   */
  private readonly statusChanges = new KeyedSerial();

  constructor(
    private readonly consultations: Pick<ConsultationRepository, 'byId'>,
    private readonly appointments: AppointmentRepository,
    private readonly sodium: Sodium,
    private readonly clock: Clock,
    private readonly visits: Pick<OutreachService, 'planForAppointment'>,
    /** The program's hours, holidays and interview day (issue 16); none by default. */
    private readonly rules: BookingRules = ANY_TIME,
    /** Who a supervisor may book for (active counselors). */
    private readonly staff: Pick<StaffRepository, 'byId'> = { byId: () => Promise.resolve(null) },
  ) {}

  /**
   * Books a hand-off for a consultation. Only the counselor who holds it while it is active may.
   * Errors, checked in this order: UNKNOWN_CONSULTATION; INVALID_STATE while she is waiting or
   * when nobody ever took her up; FORBIDDEN when another counselor holds (or held) it, as
   * `ConsultationService.access` says; INVALID_STATE once it ended; INVALID_STATE when `startsAt`
   * is not after now or is more than MAX_BOOKING_AHEAD_DAYS ahead; then the program's rules
   * ({@link BookingRules.check}: hours, holidays, closure days, the interview day); DOUBLE_BOOKED
   * when she has a booked appointment overlapping it. Nothing is stored on an error.
   */
  async book(staffId: string, consultationId: string, kind: HandoffKind, startsAt: string, choices: BookingChoices = {}): Promise<Appointment> {
    const c = await this.consultations.byId(consultationId);
    if (!c) throw errors.unknownConsultation();
    // Like case records: a waiting chat is nobody's yet, which is a state, not a permission.
    if (c.status === 'waiting' || c.assignedStaffId === null) throw errors.invalidState('not taken up');
    if (c.assignedStaffId !== staffId) throw errors.forbidden('not assigned to this counselor');
    if (c.status !== 'active') throw errors.invalidState('consultation ended');
    return this.store({ consultationId: c.id, staffId, kind, startsAt, ...choices }, null);
  }

  /**
   * A supervisor books for a counselor (the calendar): about a consultation that was taken up,
   * active or ended (a follow-up), for an active counselor. With `override` the hours, holidays
   * and closure days do not refuse it, and the appointment records her as the one who overrode.
   * Errors: UNKNOWN_CONSULTATION; INVALID_STATE when nobody took her up; UNKNOWN_STAFF when the
   * counselor is not an active counselor; then as {@link book}.
   */
  async bookFor(supervisorId: string, p: AppointmentBookPayload): Promise<Appointment> {
    const c = await this.consultations.byId(p.consultationId);
    if (!c) throw errors.unknownConsultation();
    if (c.status === 'waiting' || c.assignedStaffId === null) throw errors.invalidState('not taken up');
    const counselor = await this.staff.byId(p.counselorId);
    if (counselor?.status !== 'active' || counselor.role !== 'counselor') throw errors.unknownStaff();
    return this.store({ ...p, staffId: counselor.id }, p.override ? supervisorId : null);
  }

  /** The checks every booking shares, then the write (atomic with the overlap check). */
  private async store(
    b: BookingChoices & { consultationId: string; staffId: string; kind: HandoffKind; startsAt: string },
    overrider: string | null,
  ): Promise<Appointment> {
    const now = this.clock.now();
    const at = new Date(b.startsAt);
    if (!(at.getTime() > now.getTime())) throw errors.invalidState('appointment time has passed');
    if (at.getTime() > now.getTime() + MAX_BOOKING_AHEAD_DAYS * DAY_MS) throw errors.invalidState('appointment too far ahead');
    const end = new Date(at.getTime() + (b.minutes ?? DEFAULT_APPOINTMENT_MINUTES) * 60_000);
    const { overridden } = this.rules.check(b.kind, at, end, { offDayConfirmed: b.offDayConfirmed, override: overrider !== null });
    const nowIso = now.toISOString();
    const drawn = {
      id: randomId(this.sodium),
      consultationId: b.consultationId,
      kind: b.kind,
      // Stored as UTC so times sort and compare as text whatever offset the console sent.
      startsAt: at.toISOString(),
      endsAt: end.toISOString(),
      status: 'booked' as const,
      staffId: b.staffId,
      // Recorded only when the override bent a rule: an ordinary booking by a supervisor is ordinary.
      overriddenBy: overridden ? overrider : null,
      createdAt: nowIso,
    };
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      const appointment = { ...drawn, code: newReservationCode(this.sodium) };
      if (await this.appointments.bookedByCode(appointment.code)) continue;
      try {
        await this.appointments.insert(appointment, nowIso);
      } catch (caught) {
        // Another booking took the code between the check and the insert (its unique index
        // refused this one): draw again. Anything else (DOUBLE_BOOKED) is the answer.
        if (await this.appointments.bookedByCode(appointment.code)) continue;
        throw caught;
      }
      return (await this.appointments.byId(appointment.id)) as Appointment;
    }
    throw new Error('no free reservation code');
  }

  /** Appointments starting from APPOINTMENT_LIST_PAST_DAYS days ago onwards, soonest first, any status. */
  list(): Promise<Appointment[]> {
    return this.appointments.startingFrom(new Date(this.clock.now().getTime() - APPOINTMENT_LIST_PAST_DAYS * DAY_MS).toISOString());
  }

  /**
   * The appointment a reservation code (upper case) belongs to: the booked one, else the most
   * recently created one that had it (she may call about one that was cancelled). UNKNOWN_APPOINTMENT
   * when no appointment ever had it.
   */
  async find(code: string): Promise<Appointment> {
    const found = (await this.appointments.bookedByCode(code)) ?? (await this.appointments.latestByCode(code));
    if (!found) throw errors.unknownAppointment();
    return found;
  }

  /**
   * Sets an appointment's status; any transition is allowed, so a mistake can be undone. A home
   * visit or accompaniment marked done records its visit with `visit` (how it went), and leaving
   * done withdraws it (`OutreachService.planForAppointment` says what it refuses). Errors:
   * UNKNOWN_APPOINTMENT; INVALID_STATE when booking it again would give its code to a second booked
   * appointment (the code was handed out again after this one was closed); the visit's errors.
   * Booking it again is a booking (issue 16): while it is still ahead, the program's hours,
   * holidays and closure days refuse it as they would a new one (unless a supervisor's override
   * placed it there; the interview day was settled when it was made), and DOUBLE_BOOKED when its
   * counselor has another booked appointment overlapping it, checked atomically with the write.
   * Everything is checked before anything is written.
   */
  setStatus(actor: CaseLogActor, appointmentId: string, status: AppointmentStatus, visit?: VisitDetails): Promise<{ appointment: Appointment; changed: boolean }> {
    return this.statusChanges.run(appointmentId, () => this.setStatusNow(actor, appointmentId, status, visit));
  }

  private async setStatusNow(actor: CaseLogActor, appointmentId: string, status: AppointmentStatus, visit?: VisitDetails): Promise<{ appointment: Appointment; changed: boolean }> {
    for (let attempt = 1; ; attempt++) {
      // The version first: whatever is read after it, a change landing meanwhile moves it on.
      const basedOn = await this.appointments.version(appointmentId);
      const current = await this.appointments.byId(appointmentId);
      if (basedOn === null || !current) throw errors.unknownAppointment();
      const plan = await this.visits.planForAppointment(actor, current, status, visit);
      if (current.status === status && !plan.changes) return { appointment: current, changed: false };
      const rebooking = status === 'booked' && current.status !== 'booked';
      if (rebooking) {
        const holder = await this.appointments.bookedByCode(current.code);
        if (holder && holder.id !== current.id) throw errors.invalidState('code is booked by another appointment');
        this.checkRebooking(current);
      }
      // One transaction, over the version read above (the overlap check of a re-booking inside
      // it): a refusal leaves the visit as it was, and a change made meanwhile on another node
      // (issue 17) makes this one stale, to be planned again from what that one left.
      const outcome = await this.appointments.change(appointmentId, basedOn, { status, rebook: rebooking, visit: plan.write, at: this.clock.now().toISOString() });
      if (outcome === 'changed') return { appointment: (await this.appointments.byId(appointmentId)) as Appointment, changed: true };
      if (attempt >= STATUS_ATTEMPTS) throw errors.invalidState('the appointment is being changed elsewhere');
    }
  }

  /**
   * The program's rules for an appointment booked again, while its time is still ahead (one that
   * is over is set back only to undo a mistake). An overridden one keeps its override.
   */
  private checkRebooking(a: Appointment): void {
    const start = new Date(a.startsAt);
    if (start.getTime() <= this.clock.now().getTime()) return;
    this.rules.check(a.kind, start, new Date(a.endsAt), { offDayConfirmed: true, override: a.overriddenBy !== null });
  }
}
