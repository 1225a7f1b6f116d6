import type { MessageBody } from '../protocol/schemas.js';

/**
 * Her optional intake answers (age band, topics, "in danger now?") as they travel: the first
 * encrypted message, so only the counselor learns them. Derived from the message body schema's
 * type, so the widget that writes them and the console that reads them cannot drift apart.
 */
export type IntakeAnswers = Omit<Extract<MessageBody, { kind: 'intake' }>, 'kind'>;

/** True when at least one question was answered (otherwise nothing is sent for the intake). */
export function hasAnswers(i: IntakeAnswers | null | undefined): i is IntakeAnswers {
  return !!i && (i.ageBand !== undefined || i.danger !== undefined || (i.topics?.length ?? 0) > 0);
}

/** The answers inside a decrypted body, or null when it is an ordinary text message. */
export function intakeOf(body: MessageBody): IntakeAnswers | null {
  if (body.kind !== 'intake') return null;
  const { kind: _kind, ...answers } = body;
  return answers;
}
