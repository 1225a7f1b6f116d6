import type { MessageBody } from '../protocol/schemas.js';

/**
 * Her intake answers (age band, topics, "in danger now?") as they travel: the first encrypted
 * message of every start, so only the counselor learns them. Sent even when she answered nothing
 * (then empty): every start looks the same to the relay, on the wire and in its database (issue
 * 15), and the padding gives every intake one length. Derived from the message body schema's
 * type, so the widget that writes them and the console that reads them cannot drift apart.
 */
export type IntakeAnswers = Omit<Extract<MessageBody, { kind: 'intake' }>, 'kind' | 'writtenAt'>;

/** The answers inside a decrypted body (without its time), or null when it is an ordinary text message. */
export function intakeOf(body: MessageBody): IntakeAnswers | null {
  if (body.kind !== 'intake') return null;
  const { kind: _kind, writtenAt: _writtenAt, ...answers } = body;
  return answers;
}
