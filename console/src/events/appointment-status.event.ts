import type { AppointmentStatus } from '@tsunagari/shared';

/** What the appointments view hands up: the `appointment:status` payload and a callback. */
export interface AppointmentStatusDetail {
  appointmentId: string;
  status: AppointmentStatus;
  /** Called once: `null` when the server changed it, else a kind sentence to show. */
  done: (error: string | null) => void;
}

/** She pressed 済み / 来なかった / 取り消し (or 予約中に戻す) on an appointment. */
export class AppointmentStatusEvent extends CustomEvent<AppointmentStatusDetail> {
  static readonly eventName = 'tsg-appointment-status' as const;

  constructor(detail: AppointmentStatusDetail) {
    super(AppointmentStatusEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-appointment-status': AppointmentStatusEvent;
  }
}
