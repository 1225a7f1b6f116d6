import type { StoredMessage } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, SessionCrypto } from '../consultation-types.js';
import { nextSeq, openStored, sealOutgoing, seqsToResend, unsentForSave } from './outbox.js';

/** Just enough crypto: the "envelope" records what was sealed. */
const crypto = {
  sealText: (consultationId: string, seq: number, text: string) => ({ consultationId, seq, nonce: 'n', ciphertext: `T:${text}` }),
  sealIntake: (consultationId: string, seq: number, intake: object) => ({ consultationId, seq, nonce: 'n', ciphertext: `I:${JSON.stringify(intake)}` }),
  open: (m: StoredMessage) => (m.ciphertext.startsWith('T:') ? { kind: 'text', text: m.ciphertext.slice(2) } : m.ciphertext.startsWith('I:') ? { kind: 'intake', ...JSON.parse(m.ciphertext.slice(2)) } : null),
} as unknown as SessionCrypto;

const stored = (id: number, seq: number, ciphertext: string, senderRole: 'client' | 'counselor' = 'counselor') =>
  ({ id, seq, senderRole, ciphertext, nonce: 'n', consultationId: 'c1', createdAt: 'now' }) as unknown as StoredMessage;

const mine = (seq: number, state: ChatMessage['state'], id: number | null = null): ChatMessage => ({ key: `c${seq}`, id, from: 'client', seq, text: `m${seq}`, state });

describe('outbox', () => {
  it('seals text and intake into pending entries that keep their envelope for a resend', () => {
    const t = sealOutgoing(crypto, 'c1', 2, { kind: 'text', text: 'こんにちは' });
    expect(t).toMatchObject({ key: 'c2', id: null, from: 'client', seq: 2, text: 'こんにちは', state: 'pending' });
    expect(t.envelope?.ciphertext).toBe('T:こんにちは');
    const i = sealOutgoing(crypto, 'c1', 1, { kind: 'intake', danger: 'yes' });
    expect(i).toMatchObject({ seq: 1, text: null, intake: { danger: 'yes' } });
    expect(i.envelope?.ciphertext).toBe('I:{"danger":"yes"}');
  });

  it('never reuses a seq, whether the counter or the list is ahead', () => {
    expect(nextSeq(0, [])).toBe(1);
    expect(nextSeq(5, [mine(2, 'sent', 9)])).toBe(6);
    expect(nextSeq(1, [mine(4, 'pending')])).toBe(5);
  });

  it('saves unacknowledged messages (text and intake) for a reload, and resends all but failed ones', () => {
    const list: ChatMessage[] = [
      mine(1, 'sent', 10),
      { ...mine(2, 'pending'), text: null, intake: { ageBand: '30s' } },
      mine(3, 'failed'),
      mine(4, 'pending'),
      { key: 's11', id: 11, from: 'counselor', seq: 1, text: 'x', state: 'sent' },
    ];
    expect(unsentForSave(list)).toEqual([
      { seq: 2, body: { kind: 'intake', ageBand: '30s' } },
      { seq: 3, body: { kind: 'text', text: 'm3' } },
      { seq: 4, body: { kind: 'text', text: 'm4' } },
    ]);
    expect(seqsToResend(list)).toEqual([2, 4]);
  });

  it('opens stored messages; what does not decrypt keeps text null', () => {
    const out = openStored(crypto, [stored(1, 1, 'T:はい'), stored(2, 1, 'I:{"danger":"no"}', 'client'), stored(3, 2, 'garbage')]);
    expect(out.map((m) => [m.key, m.from, m.text, m.intake ?? null])).toEqual([
      ['s1', 'counselor', 'はい', null],
      ['s2', 'client', null, { danger: 'no' }],
      ['s3', 'counselor', null, null],
    ]);
  });
});
