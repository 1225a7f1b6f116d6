import type { Appointment, AppointmentBookPayload, StaffRole } from '@tsunagari/shared';

/**
 * What a form's request comes back with: done (with whatever the form shows next), or a kind
 * sentence to show ('' when there is nothing to add to what the screen already says). Forms get
 * their requests as async function properties returning this, so no DOM event carries a callback.
 */
export type FormResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

/** A message she wrote, for one chat. */
export interface MessageDraft {
  consultationId: string;
  text: string;
}

/** Where she hands a chat on: a named counselor, or back to the head of the queue (`null`), with a note for whoever takes it. */
export interface TransferDraft {
  consultationId: string;
  toStaffId: string | null;
  note: string;
}

/** A booked hand-off as its form shows it: the appointment, and whether her message with the code went out. */
export interface HandoffBooked {
  appointment: Appointment;
  messageSent: boolean;
}

/**
 * What booking a hand-off comes back with: as any form's result, and for an interview refused as
 * off the interview day, `offDay` so the form can ask her to confirm (issue 16, the calendar).
 */
export type HandoffResult = FormResult<HandoffBooked> | { ok: false; error: string; offDay: true };

/** Her password change: the current one (unwraps her keys) and the new one (wraps them again). */
export interface PasswordChange {
  current: string;
  next: string;
}

/** Whom an admin invites. */
export interface InviteDraft {
  username: string;
  displayName: string;
  role: StaffRole;
}

/** The invitation link, shown once, and until when it works. */
export interface InviteMade {
  link: string;
  expiresAt: string;
}

/** The organisation key file she picked (read in the browser, never uploaded) and its passphrase. */
export interface OrgKeyInput {
  file: File | null;
  passphrase: string;
}

/** Sign, renew or disable one staff member with the organisation key. */
export interface StaffKeyAction extends OrgKeyInput {
  staffId: string;
}

/** Activate a pending enrolment: the digits the staff member read out, as the admin typed them. */
export interface ActivateRequest extends StaffKeyAction {
  typedFingerprint: string;
}

/**
 * A supervisor's booking for a counselor from the calendar (issue 16): the appointment as
 * `appointment:book` takes it, with the consultation named by a reservation code she was given
 * (the console finds the consultation by it).
 */
export type BookForDraft = Omit<AppointmentBookPayload, 'consultationId'> & { code: string };
