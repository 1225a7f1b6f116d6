import type { Appointment } from '@tsunagari/shared';

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
