import { describe, expect, test, vi } from 'vitest';
import { ASSIGNED_AT, CID, counselor, stored, receipt, flush, waiting, chatting } from './controller-fakes.js';

/** A later assignment (back from the queue, or a transfer). */
const LATER = '2025-04-01T02:00:00.000Z';
const epochsOf = (grant: unknown) => (grant as { sealedKeys: { keyEpoch: number }[] }).sealedKeys.map((k) => k.keyEpoch);

describe('back to the queue', () => {
  const other = { ...counselor(), staffId: 'staff-id-000000002', displayName: '田中' };

  test('requeued: she waits again with the kind line, history and key kept; the next counselor gets the key after the check', async () => {
    const s = await chatting();
    s.socket.push('message:new', stored(1, 'counselor', 1, 'こんにちは'));
    s.socket.push('consultation:requeued', { consultationId: 'someone-else-000001' });
    expect(s.ctrl.phase).toBe('chat');
    s.socket.push('consultation:requeued', { consultationId: CID });
    expect(s.ctrl.phase).toBe('waiting');
    expect(s.ctrl.requeued).toBe(true);
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['こんにちは']);
    expect(s.crypto.wiped).toBe(false);
    expect(JSON.parse(s.kv.getItem('tsunagari-chat') ?? 'null')).toMatchObject({ consultationId: CID, keys: ['key0'] });
    // Position pushes resume as for any waiting client.
    s.socket.push('queue:position', { consultationId: CID, position: 1, waiting: 2 });
    expect(s.ctrl.position).toBe(1);
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: other, assignedAt: LATER });
    await flush();
    expect((s.socket.sent('key:grant') as Array<{ staffId: string }>).map((g) => g.staffId)).toEqual([counselor().staffId, other.staffId]);
    // A new key epoch for her alone; epoch 0 sealed to her too, for the history.
    expect(s.socket.sent('key:grant').map(epochsOf)).toEqual([[0], [0, 1]]);
    expect(s.ctrl.phase).toBe('chat');
    expect(s.ctrl.requeued).toBe(false);
    expect(s.ctrl.transferred).toBe(true);
    expect(s.ctrl.position).toBeNull();
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['こんにちは']);
  });

  test('the same counselor taking her again from the queue is checked and granted again, with a new epoch (not left waiting)', async () => {
    const s = await chatting();
    s.socket.push('consultation:requeued', { consultationId: CID });
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor(), assignedAt: LATER });
    await flush();
    expect(s.socket.sent('key:grant').map(epochsOf)).toEqual([[0], [0, 1]]);
    expect(s.ctrl.phase).toBe('chat');
  });

  test('after a requeue an unsigned counselor gets nothing', async () => {
    const s = await chatting();
    s.socket.push('consultation:requeued', { consultationId: CID });
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: { ...counselor('forged'), staffId: 'staff-id-000000003' }, assignedAt: LATER });
    await flush();
    expect(s.socket.sent('key:grant')).toHaveLength(1);
    expect(s.ctrl.phase).toBe('unsafe');
  });

  test('handed back while she was away: the resume snapshot says waiting, and she waits with the kind line', async () => {
    const s = await chatting();
    s.socket.setStatus({ type: 'reconnecting' });
    s.socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: { consultationId: CID, status: 'waiting', position: 1, requeued: true, counselor: null, assignedAt: null, keyEpoch: 0, messages: [] },
    });
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.ctrl.phase).toBe('waiting');
    expect(s.ctrl.requeued).toBe(true);
    expect(s.ctrl.position).toBe(1);
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor(), assignedAt: LATER });
    await flush();
    expect(s.ctrl.phase).toBe('chat');
    expect(s.socket.sent('key:grant').map(epochsOf)).toEqual([[0], [0, 1]]);
  });
});

describe('typing', () => {
  test('her typing is told (throttled) only in a chat, and stops on send', async () => {
    vi.useFakeTimers();
    try {
      const s = await waiting(() => vi.advanceTimersByTimeAsync(0));
      s.ctrl.typed();
      expect(s.socket.sent('typing:set')).toEqual([]);
      s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor(), assignedAt: ASSIGNED_AT });
      await vi.advanceTimersByTimeAsync(0);
      s.socket.replies['message:send'] = () => ({ ok: true, data: receipt(10) });
      s.ctrl.typed();
      s.ctrl.typed();
      await vi.advanceTimersByTimeAsync(2_000);
      s.ctrl.typed();
      expect(s.socket.sent('typing:set')).toEqual([
        { consultationId: CID, typing: true },
        { consultationId: CID, typing: true },
      ]);
      await s.ctrl.send('hi');
      expect(s.socket.sent('typing:set').at(-1)).toEqual({ consultationId: CID, typing: false });
      // Idle after typing: false follows by itself.
      s.ctrl.typed();
      await vi.advanceTimersByTimeAsync(3_000);
      expect(s.socket.sent('typing:set').slice(-2)).toEqual([
        { consultationId: CID, typing: true },
        { consultationId: CID, typing: false },
      ]);
      // Back in the queue: nothing more is told, not even a late "stopped".
      s.ctrl.typed();
      const before = s.socket.sent('typing:set').length;
      s.socket.push('consultation:requeued', { consultationId: CID });
      s.ctrl.typed();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(s.socket.sent('typing:set')).toHaveLength(before);
    } finally {
      vi.useRealTimers();
    }
  });

  test('the counselor typing shows, clears on her message, on stop, and by itself when the stop is lost', async () => {
    vi.useFakeTimers();
    try {
      const s = await waiting(() => vi.advanceTimersByTimeAsync(0));
      s.socket.push('typing:changed', { consultationId: CID, role: 'counselor', typing: true });
      expect(s.ctrl.counselorTyping).toBe(false); // still waiting
      s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor(), assignedAt: ASSIGNED_AT });
      await vi.advanceTimersByTimeAsync(0);
      s.socket.push('typing:changed', { consultationId: CID, role: 'client', typing: true });
      expect(s.ctrl.counselorTyping).toBe(false);
      s.socket.push('typing:changed', { consultationId: CID, role: 'counselor', typing: true });
      expect(s.ctrl.counselorTyping).toBe(true);
      s.socket.push('message:new', stored(1, 'counselor', 1, 'はい'));
      expect(s.ctrl.counselorTyping).toBe(false);
      s.socket.push('typing:changed', { consultationId: CID, role: 'counselor', typing: true });
      s.socket.push('typing:changed', { consultationId: CID, role: 'counselor', typing: false });
      expect(s.ctrl.counselorTyping).toBe(false);
      s.socket.push('typing:changed', { consultationId: CID, role: 'counselor', typing: true });
      await vi.advanceTimersByTimeAsync(8_000);
      expect(s.ctrl.counselorTyping).toBe(false);
      s.socket.push('typing:changed', { consultationId: CID, role: 'counselor', typing: true });
      s.socket.push('consultation:requeued', { consultationId: CID });
      expect(s.ctrl.counselorTyping).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('asked whether she still waits', () => {
  const BY = '2025-04-01T01:40:00.000Z';

  test('a quiet wait: the question shows with its time; her answer goes to the relay and the question goes away', async () => {
    const s = await waiting();
    s.socket.push('queue:still-waiting', { consultationId: 'someone-else-000001', answerBy: BY });
    expect(s.ctrl.stillWaitingBy).toBeNull();
    s.socket.push('queue:still-waiting', { consultationId: CID, answerBy: BY });
    expect(s.ctrl.stillWaitingBy).toBe(BY);
    s.socket.replies['queue:still-here'] = () => ({ ok: true, data: { answered: true } });
    await s.ctrl.stillHere();
    expect(s.socket.sent('queue:still-here')).toEqual([{ consultationId: CID }]);
    expect(s.ctrl.stillWaitingBy).toBeNull();
    expect(s.ctrl.phase).toBe('waiting');
  });

  test('a refused answer keeps the question and says why; a counselor taking her clears it', async () => {
    const s = await waiting();
    s.socket.push('queue:still-waiting', { consultationId: CID, answerBy: BY });
    s.socket.replies['queue:still-here'] = () => ({ ok: false, error: 'RATE_LIMITED' });
    await s.ctrl.stillHere();
    expect(s.ctrl.stillWaitingBy).toBe(BY);
    expect(s.ctrl.error).toBe('RATE_LIMITED');
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor(), assignedAt: ASSIGNED_AT });
    await flush();
    expect(s.ctrl.phase).toBe('chat');
    expect(s.ctrl.stillWaitingBy).toBeNull();
  });
});
