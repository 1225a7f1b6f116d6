import { afterEach, describe, expect, test, vi } from 'vitest';
import { ASSIGNED_AT, CID, TOKEN, clock, emptyIntake, counselor, RELOAD_WINDOW_MS, grantedFirst, savedRecord, snapshot, stored, receipt, flush, setup, waiting, chatting } from './controller-fakes.js';

describe('safety-first additions', () => {
  // A test that fails while its timers are fake must not leave them fake for the next.
  afterEach(() => {
    vi.useRealTimers();
  });

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
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor(), assignedAt: ASSIGNED_AT });
    await flush();
    await s.ctrl.send('こんにちは');
    expect((s.socket.sent('message:send') as Array<{ seq: number }>).map((m) => m.seq)).toEqual([1, 2]);
  });

  test('no intake answers: an empty intake still goes first (every start looks the same), and urgent is left out', async () => {
    const s = setup();
    await s.ctrl.start({ intake: { topics: [] } });
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.socket.sent('consultation:start')).toEqual([{ campaign: 'flyer-1' }]);
    expect(s.socket.sent('message:send')).toEqual([{ ...emptyIntake, ciphertext: `intake:${JSON.stringify({ topics: [], writtenAt: '2025-04-01T01:00:00.000Z' })}` }]);
    // Skipped altogether (no answers object at all): the same.
    const skipped = setup();
    await skipped.ctrl.start();
    skipped.socket.setStatus({ type: 'connected' });
    await flush();
    expect(skipped.socket.sent('message:send')).toEqual([emptyIntake]);
    expect(skipped.ctrl.messages).toEqual([]);
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
    // Her intake (seq 1) is still unacknowledged here (the fake relay did not answer it): kept sealed, to send again.
    expect(saved).toEqual({ v: 2, consultationId: CID, clientToken: TOKEN, keys: ['key0'], seq: 1, unsent: [emptyIntake], grant: grantedFirst, until: clock.now + RELOAD_WINDOW_MS });
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

  test('quick exit waits for an ack that never comes only as long as its cap (50 ms here), then leaves', async () => {
    const s = await chatting();
    s.socket.request = (() => new Promise(() => undefined)) as typeof s.socket.request;
    // The relay's clock plays no part: the cap is a timer, so the test moves the timers itself.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let left = false;
    const leaving = s.ctrl.quickExit().then(() => { left = true; });
    await vi.advanceTimersByTimeAsync(49);
    // Still giving the relay its moment to record that she left; her page already shows nothing.
    expect([left, s.kv.map.size, s.ctrl.messages]).toEqual([false, 0, []]);
    await vi.advanceTimersByTimeAsync(1);
    await leaving;
    expect([left, s.socket.closed, s.crypto.wiped, s.ctrl.phase]).toEqual([true, true, true, 'idle']);
  });

  test('quick exit with a relay that answers leaves on the answer, not after the cap', async () => {
    const s = await chatting();
    s.socket.replies['consultation:quick-exit'] = () => ({ ok: true, data: { endedAt: 'now' } });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // No timer is moved: only the answer can let her go.
    await s.ctrl.quickExit();
    expect([s.socket.closed, s.ctrl.phase]).toEqual([true, 'idle']);
  });

  test('a reload resumes from the session store and re-sends unacknowledged messages as they were sealed', async () => {
    const s = setup();
    const unsent = { consultationId: CID, keyEpoch: 0, seq: 2, nonce: 'n'.repeat(32), ciphertext: 'enc:まだ' };
    s.kv.setItem('tsunagari-chat', savedRecord({ seq: 2, unsent: [unsent], grant: grantedFirst }));
    s.socket.replies['consultation:resume'] = () => ({ ok: true, data: snapshot({ messages: [stored(1, 'client', 1, 'はじめ')] }) });
    expect(s.ctrl.hasSaved()).toBe(true);
    await s.ctrl.restore();
    // What was on its way shows again, opened from its envelope (sessionStorage held no plaintext).
    expect(s.ctrl.messages).toEqual([expect.objectContaining({ text: 'まだ', state: 'pending' })]);
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.ctrl.phase).toBe('chat');
    expect(s.socket.sent('consultation:resume')).toEqual([{ consultationId: CID, clientToken: TOKEN }]);
    expect(s.socket.sent('message:send')).toEqual([unsent]);
    // The same counselor, the same assignment: her key is not sealed again.
    expect(s.socket.sent('key:grant')).toEqual([]);
  });

  test('a reload while she waits again brings back the line that says why (the snapshot says requeued)', async () => {
    const s = setup();
    s.kv.setItem('tsunagari-chat', savedRecord({ seq: 1, grant: grantedFirst }));
    s.socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: snapshot({ status: 'waiting', position: 2, requeued: true, counselor: null, assignedAt: null, messages: [stored(1, 'client', 1, 'はじめ')] }),
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
        snapshot: snapshot({ messages: [stored(4, 'counselor', 1, 'おかえりなさい')] }),
      },
    });
    await s.ctrl.resumeWithCode('ABCD');
    s.socket.setStatus({ type: 'connected' });
    // The resume code's requests load on first use (a chunk of their own): wait for the chat.
    await vi.waitFor(() => expect(s.ctrl.phase).toBe('chat'));
    expect(s.socket.sent('resume:open')).toEqual([{ lookup: 'l'.repeat(43) }]);
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['おかえりなさい']);
    // Another device, and the relay says epoch 0 was granted: her counselor gets a new epoch from here.
    expect((s.socket.sent('key:grant')[0] as { sealedKeys: { keyEpoch: number }[] }).sealedKeys.map((k) => k.keyEpoch)).toEqual([0, 1]);
  });

  test('an unknown code says so and goes back', async () => {
    const s = setup();
    s.socket.replies['resume:open'] = () => ({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    await s.ctrl.resumeWithCode('ABCD');
    s.socket.setStatus({ type: 'connected' });
    await vi.waitFor(() => expect(s.ctrl.error).toBe('RESUME_NOT_FOUND'));
    expect(s.ctrl.phase).toBe('idle');
  });

  test('a second assignment is a transfer: the new, signed counselor gets the key too', async () => {
    const s = await chatting();
    const other = { ...counselor(), staffId: 'staff-id-000000002' };
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: other, assignedAt: '2025-04-01T02:00:00.000Z' });
    await flush();
    expect((s.socket.sent('key:grant') as Array<{ staffId: string }>).map((g) => g.staffId)).toEqual(['staff-id-000000001', 'staff-id-000000002']);
    expect(s.ctrl.transferred).toBe(true);
    // An unsigned one is refused.
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: { ...counselor('bad'), staffId: 'staff-id-000000003' }, assignedAt: '2025-04-01T03:00:00.000Z' });
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
