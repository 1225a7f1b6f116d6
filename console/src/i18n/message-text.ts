import type { MessageBody } from '@tsunagari/shared';
import { ja } from './ja.js';

const t = ja.intake;

/** A decrypted message as the chat shows it: her words, or her intake answers as one plain line. */
export function messageText(body: MessageBody): string {
  if (body.kind === 'text') return body.text;
  const parts = [
    body.danger ? t.danger(t.dangerAnswers[body.danger]) : null,
    body.ageBand ? t.ageBand(ja.record.ageBands[body.ageBand]) : null,
    body.topics?.length ? t.topics(body.topics) : null,
  ].filter((p) => p !== null);
  return t.line(parts.length ? parts.join(t.separator) : t.none);
}
