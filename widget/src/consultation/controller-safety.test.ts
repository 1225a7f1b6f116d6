import { describe, expect, test } from 'vitest';
import { CID, TOKEN, counselor, stored, receipt, flush, setup, waiting, chatting } from './controller-fakes.js';

describe('safety-first additions', () => {
  test('intake answers go as the first encrypted message (seq 1); only urgent travels in clear', async () => {
    const s = setup();
    s.socket.replies['message:send'] = () => ({ ok: true, data: receipt(1) });
    await s.ctrl.start({ urgent: true, intake: { danger: 'yes', topics: ['孤独'] } });
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.socket.sent('consultation:start')).toEqual([{ campaign: 'flyer-1', urgent: true }]);
    const sent = s.socket.sent('message:send') as Array<{ seq: number; ciphertext: string }>;
    expect(sent).toHaveLength(1);
    expect(sent[0]?.seq).toBe(1);
    expect(sent[0]?.ciphertext).toContain('孤独');
    // Not shown as a chat message, and her next message is seq 2.
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor() });
    await flush();
    await s.ctrl.send('こんにちは');
    expect((s.socket.sent('message:send') as Array<{ seq: number }>).map((m) => m.seq)).toEqual([1, 2]);
  });

  test('no intake answers: nothing extra is sent and urgent is left out', async () => {
    const s = setup();
    await s.ctrl.start({ intake: { topics: [] } });
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.socket.sent('consultation:start')).toEqual([{ campaign: 'flyer-1' }]);
    expect(s.socket.sent('message:send')).toEqual([]);
  });

  test('OUTSIDE_HOURS closes the socket and marks the chat closed', async () => {
    const s = setup();
    s.socket.replies['consultation:start'] = () => ({ ok: false, error: 'OUTSIDE_HOURS' });
    await s.ctrl.start();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.ctrl.phase).toBe('idle');
    expect(s.ctrl.outsideHours).toBe(true);
    expect(s.socket.closed).toBe(true);
  });

  test('keeps only what a reload needs in the session store, and wipes it on end', async () => {
    const s = await chatting();
    const saved = JSON.parse(s.kv.map.get('tsunagari-chat') ?? '{}');
    expect(saved).toMatchObject({ v: 1, consultationId: CID, clientToken: TOKEN, key: 'k'.repeat(43) });
    await s.ctrl.end();
    expect(s.kv.map.size).toBe(0);
  });

  test('quick exit wipes storage first, tells the server, closes and forgets everything', async () => {
    const s = await chatting();
    s.socket.replies['consultation:quick-exit'] = () => ({ ok: true, data: { endedAt: 'now' } });
    expect(s.kv.map.size).toBe(1);
    await s.ctrl.quickExit();
    expect(s.socket.sent('consultation:quick-exit')).toEqual([{ consultationId: CID }]);
    expect(s.socket.closed).toBe(true);
    expect(s.crypto.wiped).toBe(true);
    expect(s.kv.map.size).toBe(0);
    expect(s.ctrl.phase).toBe('idle');
    expect(s.ctrl.messages).toEqual([]);
  });

  test('quick exit does not wait for an ack that never comes', async () => {
    const s = await chatting();
    s.socket.request = (() => new Promise(() => undefined)) as typeof s.socket.request;
    const t0 = Date.now();
    await s.ctrl.quickExit();
    expect(Date.now() - t0).toBeLessThan(500);
    expect(s.socket.closed).toBe(true);
  });

  test('a reload resumes from the session store and re-sends unacknowledged messages with the same seq', async () => {
    const s = setup();
    s.kv.setItem(
      'tsunagari-chat',
      JSON.stringify({ v: 1, consultationId: CID, clientToken: TOKEN, key: 'k'.repeat(43), seq: 2, unsent: [{ seq: 2, body: { kind: 'text', text: 'まだ' } }] }),
    );
    s.socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: { consultationId: CID, status: 'active', position: null, counselor: counselor(), messages: [stored(1, 'client', 1, 'はじめ')] },
    });
    expect(s.ctrl.hasSaved()).toBe(true);
    await s.ctrl.restore();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.ctrl.phase).toBe('chat');
    expect(s.socket.sent('consultation:resume')).toEqual([{ consultationId: CID, clientToken: TOKEN }]);
    expect((s.socket.sent('message:send') as Array<{ seq: number }>).map((m) => m.seq)).toEqual([2]);
  });

  test('a reload while she waits again brings back the line that says why (the snapshot says requeued)', async () => {
    const s = setup();
    s.kv.setItem('tsunagari-chat', JSON.stringify({ v: 1, consultationId: CID, clientToken: TOKEN, key: 'k'.repeat(43), seq: 1, unsent: [] }));
    s.socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: { consultationId: CID, status: 'waiting', position: 2, requeued: true, counselor: null, messages: [stored(1, 'client', 1, 'はじめ')] },
    });
    await s.ctrl.restore();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect([s.ctrl.phase, s.ctrl.requeued, s.ctrl.position]).toEqual(['waiting', true, 2]);
  });

  test('resume by code opens the consultation with its history', async () => {
    const s = setup();
    s.socket.replies['resume:open'] = () => ({
      ok: true,
      data: {
        consultationId: CID,
        clientToken: TOKEN,
        wrappedKey: 'w'.repeat(96),
        snapshot: { consultationId: CID, status: 'active', position: null, counselor: counselor(), messages: [stored(4, 'counselor', 1, 'おかえりなさい')] },
      },
    });
    await s.ctrl.resumeWithCode('ABCD');
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.socket.sent('resume:open')).toEqual([{ lookup: 'l'.repeat(43) }]);
    expect(s.ctrl.phase).toBe('chat');
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['おかえりなさい']);
  });

  test('an unknown code says so and goes back', async () => {
    const s = setup();
    s.socket.replies['resume:open'] = () => ({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    await s.ctrl.resumeWithCode('ABCD');
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.ctrl.phase).toBe('idle');
    expect(s.ctrl.error).toBe('RESUME_NOT_FOUND');
  });

  test('a second assignment is a transfer: the new, signed counselor gets the key too', async () => {
    const s = await chatting();
    const other = { ...counselor(), staffId: 'staff-id-000000002' };
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: other });
    await flush();
    expect((s.socket.sent('key:grant') as Array<{ staffId: string }>).map((g) => g.staffId)).toEqual(['staff-id-000000001', 'staff-id-000000002']);
    expect(s.ctrl.transferred).toBe(true);
    // An unsigned one is refused.
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: { ...counselor('bad'), staffId: 'staff-id-000000003' } });
    await flush();
    expect(s.ctrl.phase).toBe('unsafe');
  });

  test('queue updates carry the estimate and the alternatives flag', async () => {
    const s = await waiting();
    s.socket.push('queue:position', { consultationId: CID, position: 2, waiting: 3, estimatedWaitSeconds: 600, showAlternatives: true });
    expect(s.ctrl.estimatedWaitSeconds).toBe(600);
    expect(s.ctrl.showAlternatives).toBe(true);
  });

  test('a resume code is made from the session key and registered', async () => {
    const s = await chatting();
    s.socket.replies['resume:create'] = () => ({ ok: true, data: { expiresAt: '2026-12-28T00:00:00.000Z' } });
    expect(await s.ctrl.createResumeCode()).toEqual({ code: 'CODE', expiresAt: '2026-12-28T00:00:00.000Z' });
    expect(s.socket.sent('resume:create')).toEqual([{ consultationId: CID, lookup: 'l'.repeat(43), wrappedKey: 'w'.repeat(96) }]);
  });
});
