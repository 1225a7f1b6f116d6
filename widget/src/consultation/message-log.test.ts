import type { StoredMessage } from '@tsunagari/shared';
import { describe, expect, test } from 'vitest';
import type { SessionCrypto } from './types.js';
import { MessageLog, openStored, type StoredChat } from './message-log.js';

const stored = (id: number, from: 'client' | 'counselor', seq: number, text: string | null = `m${id}`, epoch = 0): StoredChat => ({
  key: `s${id}`,
  id,
  from,
  epoch,
  seq,
  text,
  state: 'sent',
});

/** A log with her messages `seqs` on their way in epoch 0 (text `p<seq>` unless given). */
function logWith(pending: Array<number | [number, string]>, storedFirst: StoredChat[] = []): MessageLog {
  const log = new MessageLog();
  log.receive(storedFirst);
  for (const p of pending) {
    const [seq, text] = typeof p === 'number' ? [p, `p${p}`] : p;
    log.outbox.add({ kind: 'text', text }, { consultationId: 'c1', keyEpoch: 0, seq, nonce: 'n', ciphertext: 'x' });
  }
  return log;
}

describe('MessageLog', () => {
  test('keeps one copy per id and orders by id', () => {
    const log = logWith([], [stored(2, 'counselor', 2)]);
    log.receive([stored(1, 'counselor', 1), stored(2, 'counselor', 2), stored(3, 'counselor', 3)]);
    expect(log.view().map((m) => m.id)).toEqual([1, 2, 3]);
  });

  test('a stored copy replaces her pending message with the same seq', () => {
    const log = logWith([[1, 'hello']], [stored(1, 'counselor', 1)]);
    log.receive([stored(2, 'client', 1, 'hello')]);
    const list = log.view();
    expect(list).toHaveLength(2);
    expect(list[1]).toMatchObject({ id: 2, from: 'client', seq: 1, state: 'sent', text: 'hello', key: 's2' });
    expect(log.outbox.get('c0.1')).toBeUndefined();
  });

  test('keeps her typed text when the stored copy does not decrypt', () => {
    const log = logWith([[1, 'typed']]);
    log.receive([stored(5, 'client', 1, null)]);
    expect(log.view()).toEqual([expect.objectContaining({ id: 5, text: 'typed' })]);
  });

  test('a counselor message with the same seq does not touch her pending one', () => {
    const log = logWith([1]);
    log.receive([stored(1, 'counselor', 1)]);
    expect(log.view().map((m) => m.key)).toEqual(['s1', 'c0.1']);
  });

  test('pending messages stay after stored ones, in seq order', () => {
    const log = logWith([3, 2]);
    log.receive([stored(9, 'counselor', 4)]);
    expect(log.view().map((m) => m.key)).toEqual(['s9', 'c0.2', 'c0.3']);
  });

  test('says whether anything changed; a copy already held changes nothing', () => {
    const log = logWith([1], [stored(4, 'counselor', 1)]);
    const before = log.view();
    expect(log.receive([stored(4, 'counselor', 1, 'other')])).toBe(false);
    expect(log.receive([])).toBe(false);
    expect(log.view()).toEqual(before);
    expect(log.receive([stored(5, 'counselor', 2)])).toBe(true);
  });

  test('an ack makes her message stored with what she wrote, without decrypting it again', () => {
    const log = logWith([[1, 'まだ'], 2]);
    expect(log.acknowledged('c0.1', { id: 7 })).toBe(true);
    expect(log.view()).toEqual([
      { key: 's7', id: 7, from: 'client', epoch: 0, seq: 1, text: 'まだ', state: 'sent' },
      expect.objectContaining({ key: 'c0.2', state: 'pending' }),
    ]);
    // Acknowledged twice (a resend raced the first ack): nothing more happens.
    expect(log.acknowledged('c0.1', { id: 7 })).toBe(false);
    expect(log.view()).toHaveLength(2);
  });

  test('lastId is 0 for an empty log and the highest stored id otherwise (pending ones have none)', () => {
    expect(new MessageLog().lastId()).toBe(0);
    expect(logWith([2], [stored(4, 'client', 1), stored(7, 'counselor', 3)]).lastId()).toBe(7);
  });
});

describe('MessageLog: order of what arrives (the relay may drop or replay)', () => {
  test('a replayed copy under a new id is not shown, and she is told calmly until the next message', () => {
    const log = logWith([], [stored(1, 'counselor', 1, 'こんにちは')]);
    expect(log.receive([stored(1_000_001, 'counselor', 1, 'こんにちは')])).toBe(true);
    expect(log.view().map((m) => m.text)).toEqual(['こんにちは']);
    expect(log.notice()).toEqual({ missing: false, repeated: true });
    log.receive([stored(2, 'counselor', 2, 'つぎ')]);
    expect(log.notice()).toEqual({ missing: false, repeated: false });
  });

  test('the same id again (a live push, then a catch-up) is the same row: no notice', () => {
    const log = logWith([], [stored(1, 'counselor', 1)]);
    expect(log.receive([stored(1, 'counselor', 1)])).toBe(false);
    expect(log.notice()).toEqual({ missing: false, repeated: false });
  });

  test('a gap in the counselor’s seqs is noticed and shown messages stay; the late one closes it', () => {
    const log = logWith([], [stored(1, 'counselor', 1)]);
    log.receive([stored(3, 'counselor', 3)]);
    expect(log.notice().missing).toBe(true);
    expect(log.view().map((m) => m.seq)).toEqual([1, 3]);
    log.receive([stored(2, 'counselor', 2)]);
    expect(log.notice().missing).toBe(false);
    expect(log.view().map((m) => m.id)).toEqual([1, 2, 3]);
  });

  test('a new epoch starts again from seq 1 without a notice; her own replayed message is not shown twice', () => {
    const log = logWith([[1, 'わたし']], [stored(1, 'counselor', 1), stored(2, 'counselor', 2)]);
    log.acknowledged('c0.1', { id: 3 });
    log.receive([stored(4, 'counselor', 1, 'new', 1)]);
    expect(log.notice()).toEqual({ missing: false, repeated: false });
    log.receive([stored(9, 'client', 1, 'わたし')]);
    expect(log.view().filter((m) => m.from === 'client')).toHaveLength(1);
    expect(log.notice().repeated).toBe(true);
  });

  test('what does not decrypt is not counted (its epoch and seq are only claims of the relay)', () => {
    const log = logWith([], [stored(1, 'counselor', 1)]);
    log.receive([stored(2, 'counselor', 5, null)]);
    expect(log.notice().missing).toBe(false);
    log.receive([stored(3, 'counselor', 2)]);
    expect(log.notice()).toEqual({ missing: false, repeated: false });
  });
});

describe('openStored', () => {
  /** Just enough crypto: `T:` is a text, `I:` intake answers, `J:` a whole body, anything else does not open. */
  const crypto = {
    open: (_consultationId: string, m: StoredMessage) =>
      m.ciphertext.startsWith('J:')
        ? JSON.parse(m.ciphertext.slice(2))
        : m.ciphertext.startsWith('T:')
        ? { kind: 'text', text: m.ciphertext.slice(2) }
        : m.ciphertext.startsWith('I:')
          ? { kind: 'intake', ...JSON.parse(m.ciphertext.slice(2)) }
          : null,
  } as unknown as SessionCrypto;
  const raw = (id: number, seq: number, ciphertext: string, senderRole: 'client' | 'counselor' = 'counselor') =>
    ({ id, keyEpoch: 0, seq, senderRole, ciphertext, nonce: 'n', consultationId: 'c1' }) as StoredMessage;

  test('each side shows the time from inside the body; a body sealed before times moved there shows none', () => {
    const at = '2026-11-30T04:05:09.123Z';
    const out = openStored(crypto, 'c1', [raw(1, 1, `J:${JSON.stringify({ kind: 'text', text: 'はい', writtenAt: at })}`), raw(2, 2, 'T:むかし'), raw(3, 3, 'garbage')]);
    expect(out.map((m) => [m.text, m.writtenAt ?? null])).toEqual([
      ['はい', at],
      ['むかし', null],
      [null, null],
    ]);
    const log = new MessageLog();
    log.receive(out);
    expect(log.view().map((m) => m.writtenAt ?? null)).toEqual([at, null, null]);
  });

  test('her intake is sent, never shown', () => {
    const log = new MessageLog();
    log.receive(openStored(crypto, 'c1', [raw(1, 1, 'I:{}', 'client'), raw(2, 1, 'T:こんにちは')]));
    log.outbox.add({ kind: 'intake' }, { consultationId: 'c1', keyEpoch: 1, seq: 1, nonce: 'n', ciphertext: 'x' });
    expect(log.view().map((m) => m.text)).toEqual(['こんにちは']);
  });

  test('opens stored messages; what does not decrypt keeps text null', () => {
    const out = openStored(crypto, 'c1', [raw(1, 1, 'T:はい'), raw(2, 1, 'I:{"danger":"no"}', 'client'), raw(3, 2, 'garbage')]);
    expect(out.map((m) => [m.key, m.from, m.text, m.intake ?? null])).toEqual([
      ['s1', 'counselor', 'はい', null],
      ['s2', 'client', null, { danger: 'no' }],
      ['s3', 'counselor', null, null],
    ]);
  });
});
