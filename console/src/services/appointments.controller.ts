import type { Appointment, AppointmentStatusPayload, HandoffBookPayload } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';
import { handoffMessage, spacedCode, upsertAppointment } from '../state/appointments.js';
import type { FormResult, HandoffResult, MessageDraft } from '../state/form-requests.js';
import { fetchProgramPhone } from './program-phone.js';
import { errorText, type WorkspaceContext } from './workspace-context.js';

/**
 * Appointments (予約): the list (kept live from `appointment:changed`, which it subscribes to),
 * booking a hand-off from a chat, the phone desk's search and status changes. The forms' requests
 * are arrow properties so the template can bind them as they are. It has no lifecycle of its own
 * beyond its subscription, so it is a plain class rather than a ReactiveController.
 */
export class AppointmentsController {
  /** Appointments from a week ago onwards, soonest first; null until the first list came. */
  appointments: readonly Appointment[] | null = null;
  /** The program's phone line for booking messages (from the widget status; '' if unknown). */
  private phone: Promise<string> | null = null;

  constructor(
    private readonly ctx: WorkspaceContext,
    /** Sends a chat message the way the composer does (see ChatActionsController.send). */
    private readonly send: (draft: MessageDraft) => Promise<FormResult>,
  ) {
    ctx.socket.listen(ctx.host, {
      'appointment:changed': (p) => this.changed(p.appointment),
      // An admin may have changed the program's phone: the next booking message asks again.
      'settings:changed': () => (this.phone = null),
    });
  }

  /** Fetches the list (after every (re)connect). */
  async load(): Promise<void> {
    const res = await this.ctx.socket.request('appointment:list', {});
    if (res.ok) this.setList(res.data.appointments.reduce<Appointment[]>(upsertAppointment, []));
  }

  /** Pushed or answered: one appointment booked or changed, by anyone on staff. */
  private changed(appointment: Appointment): void {
    this.setList(upsertAppointment(this.appointments ?? [], appointment));
  }

  private setList(list: readonly Appointment[]): void {
    this.appointments = list;
    this.ctx.host.requestUpdate();
  }

  /** The phone desk's search by the code she quotes (one stable function, like the year report's fetchReport). */
  readonly findByCode = (code: string) => this.ctx.socket.request('appointment:find', { code });

  /**
   * Books a hand-off, then tells her in an ordinary encrypted chat message, sent through the
   * composer's own path (so seq and retries behave the same). Her widget needs nothing new.
   */
  readonly book = async (booking: HandoffBookPayload): Promise<HandoffResult> => {
    const res = await this.ctx.socket.request('handoff:book', booking);
    // An interview off the interview day is allowed once she confirms: the form asks her.
    if (!res.ok && res.error === 'NOT_INTERVIEW_DAY') return { ok: false, error: ja.interviewDay.warning, offDay: true };
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    const appointment = res.data;
    this.changed(appointment);
    this.phone ??= fetchProgramPhone();
    const text = handoffMessage(appointment.kind, appointment.startsAt, appointment.code, await this.phone);
    const messageSent = (await this.send({ consultationId: booking.consultationId, text })).ok;
    if (messageSent) this.ctx.announce(ja.handoff.announce(spacedCode(appointment.code)));
    return { ok: true, appointment, messageSent };
  };

  /** Changes an appointment's status from the list. */
  readonly changeStatus = async (change: AppointmentStatusPayload): Promise<FormResult> => {
    const res = await this.ctx.socket.request('appointment:status', change);
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    this.changed(res.data);
    return { ok: true };
  };
}
