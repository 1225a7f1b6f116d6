import { describe, expect, test, vi } from 'vitest';
import { ASSIGNED_AT, CID, TOKEN, ORG_KEY, counselor, stored, receipt, flush, setup, waiting, chatting } from './controller-fakes.js';

describe('starting', () => {
  test('connects, asks for a place with the campaign, then waits with the position', async () => {
    const { ctrl, socket, load } = await waiting();
    expect(load).toHaveBeenCalledWith('http://relay.test', ORG_KEY);
    expect(socket.sent('consultation:start')).toEqual([{ campaign: 'flyer-1' }]);
    expect(ctrl.phase).toBe('waiting');
    expect(ctrl.connection).toBe('connected');
    expect(ctrl.position).toBe(3);
    socket.push('queue:position', { consultationId: CID, position: 1, waiting: 4 });
    expect(ctrl.position).toBe(1);
    socket.push('queue:position', { consultationId: 'someone-else-000001', position: 9, waiting: 4 });
    expect(ctrl.position).toBe(1);
  });

  test('without a valid org key it does not load anything', async () => {
    const { ctrl, load } = setup('');
    await ctrl.start();
    expect(load).not.toHaveBeenCalled();
    expect(ctrl.phase).toBe('idle');
    expect(ctrl.error).toBe('NOT_CONFIGURED');
  });

  test('a refused start goes back to the first screen with the reason, socket closed, key wiped', async () => {
    const s = setup();
    s.socket.replies['consultation:start'] = () => ({ ok: false, error: 'OUTSIDE_HOURS' });
    await s.ctrl.start();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.ctrl.phase).toBe('idle');
    expect(s.ctrl.error).toBe('OUTSIDE_HOURS');
    expect(s.socket.closed).toBe(true);
    expect(s.crypto.wiped).toBe(true);
  });

  test('gives up kindly when the relay never answers', async () => {
    vi.useFakeTimers();
    try {
      const s = setup();
      await s.ctrl.start();
      vi.advanceTimersByTime(1001);
      expect(s.ctrl.phase).toBe('idle');
      expect(s.ctrl.error).toBe('TIMEOUT');
      expect(s.socket.closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('key grant', () => {
  test('seals the key to a counselor the organisation signed, then opens the chat', async () => {
    const { ctrl, socket } = await chatting();
    expect(socket.sent('key:grant')).toEqual([
      { consultationId: CID, staffId: counselor().staffId, sealedKeys: [{ keyEpoch: 0, sealedKey: `key0-for-box-${counselor().staffId}` }] },
    ]);
    expect(ctrl.phase).toBe('chat');
    expect(ctrl.position).toBeNull();
  });

  test.each([
    ['whose keys the organisation did not sign', 'forged', 'unconfirmed'],
    ['whose statement expired', 'expired', 'expired'],
    ['whose keys were revoked', 'revoked', 'revoked'],
  ] as const)('sends nothing to a counselor %s, and says why', async (_what, signature, reason) => {
    const { ctrl, socket } = await waiting();
    socket.push('consultation:assigned', { consultationId: CID, counselor: counselor(signature), assignedAt: ASSIGNED_AT });
    await flush();
    expect(socket.sent('key:grant')).toEqual([]);
    expect(ctrl.phase).toBe('unsafe');
    expect(ctrl.unsafeReason).toBe(reason);
    // Nothing she types goes anywhere either.
    expect(await ctrl.send('聞こえますか')).toBe(false);
    expect(socket.sentTexts()).toEqual([]);
  });
});

describe('messages', () => {
  test('her message is pending until acknowledged, then stored; it shows when she wrote it', async () => {
    const { ctrl, socket } = await chatting();
    socket.replies['message:send'] = () => ({ ok: true, data: receipt(10) });
    // Seq 1 was her intake (sent at every start, shown never).
    const sending = ctrl.send('  hi  ');
    expect(ctrl.messages).toEqual([expect.objectContaining({ id: null, epoch: 0, seq: 2, text: 'hi', state: 'pending', writtenAt: '2025-04-01T01:00:00.000Z' })]);
    await sending;
    expect(ctrl.messages).toEqual([expect.objectContaining({ id: 10, epoch: 0, seq: 2, text: 'hi', state: 'sent', writtenAt: '2025-04-01T01:00:00.000Z' })]);
    expect(socket.sentTexts()).toEqual([{ consultationId: CID, keyEpoch: 0, seq: 2, nonce: 'n'.repeat(32), ciphertext: 'enc:hi' }]);
  });

  test('a failed message stays, and a retry sends the same seq', async () => {
    const { ctrl, socket } = await chatting();
    socket.replies['message:send'] = () => ({ ok: false, error: 'TIMEOUT' });
    await ctrl.send('one');
    expect(ctrl.messages[0]).toMatchObject({ state: 'failed', key: 'c0.2', seq: 2 });
    socket.replies['message:send'] = () => ({ ok: true, data: receipt(3) });
    await ctrl.retry('c0.2');
    expect(ctrl.messages).toEqual([expect.objectContaining({ id: 3, state: 'sent' })]);
    const seqs = socket.sentTexts().map((p) => (p as { seq: number }).seq);
    expect(seqs).toEqual([2, 2]);
  });

  test('refuses empty and over-long messages', async () => {
    const { ctrl, socket } = await chatting();
    expect(await ctrl.send('   ')).toBe(false);
    expect(await ctrl.send('あ'.repeat(4001))).toBe(false);
    expect(socket.sentTexts()).toEqual([]);
  });

  test('counselor messages are decrypted; one that does not open shows as unreadable', async () => {
    const { ctrl, socket } = await chatting();
    socket.push('message:new', stored(1, 'counselor', 1, 'こんにちは'));
    socket.push('message:new', stored(2, 'counselor', 2, null));
    socket.push('message:new', stored(1, 'counselor', 1, 'こんにちは'));
    expect(ctrl.messages.map((m) => [m.id, m.text])).toEqual([
      [1, 'こんにちは'],
      [2, null],
    ]);
  });
});

describe('reconnect', () => {
  test('shows the drop, then resumes and catches up without duplicates', async () => {
    const { ctrl, socket } = await chatting();
    socket.push('message:new', stored(1, 'counselor', 1, 'a'));
    socket.setStatus({ type: 'reconnecting' });
    expect(ctrl.connection).toBe('reconnecting');
    socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: {
        consultationId: CID,
        status: 'active',
        position: null,
        counselor: counselor(),
        assignedAt: ASSIGNED_AT,
        keyEpoch: 0,
        messages: [stored(1, 'counselor', 1, 'a'), stored(2, 'counselor', 2, 'b')],
      },
    });
    socket.replies['message:list'] = () => ({ ok: true, data: { messages: [stored(2, 'counselor', 2, 'b'), stored(3, 'counselor', 3, 'c')] } });
    socket.setStatus({ type: 'connected' });
    await flush();
    expect(ctrl.connection).toBe('connected');
    expect(socket.sent('consultation:resume')).toEqual([{ consultationId: CID, clientToken: TOKEN }]);
    expect(socket.sent('message:list')).toEqual([{ consultationId: CID, afterId: 2 }]);
    expect(ctrl.messages.map((m) => m.text)).toEqual(['a', 'b', 'c']);
    // Same counselor: the key is not granted twice.
    expect(socket.sent('key:grant')).toHaveLength(1);
  });

  test('a long history arrives whole: she asks for page after page until none is left', async () => {
    const { ctrl, socket } = await chatting();
    socket.setStatus({ type: 'reconnecting' });
    socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: { consultationId: CID, status: 'active', position: null, requeued: false, counselor: counselor(), assignedAt: ASSIGNED_AT, keyEpoch: 0, messages: [stored(1, 'counselor', 1, 'a')], moreMessages: true },
    });
    const pages: Record<number, { messages: ReturnType<typeof stored>[]; more: boolean }> = {
      1: { messages: [stored(2, 'counselor', 2, 'b'), stored(3, 'counselor', 3, 'c')], more: true },
      3: { messages: [stored(4, 'counselor', 4, 'd')], more: true },
      4: { messages: [stored(5, 'counselor', 5, 'e')], more: false },
    };
    socket.replies['message:list'] = (payload) => ({ ok: true, data: pages[(payload as { afterId: number }).afterId] ?? { messages: [], more: false } });
    socket.setStatus({ type: 'connected' });
    await flush();
    expect(socket.sent('message:list')).toEqual([1, 3, 4].map((afterId) => ({ consultationId: CID, afterId })));
    expect(ctrl.messages.map((m) => m.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  test('a counselor assigned while she was away gets the key on resume', async () => {
    const { ctrl, socket } = await waiting();
    socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: { consultationId: CID, status: 'active', position: null, counselor: counselor(), assignedAt: ASSIGNED_AT, keyEpoch: null, messages: [] },
    });
    socket.setStatus({ type: 'connected' });
    await flush();
    // The first counselor of this consultation: epoch 0 as it is.
    expect(socket.sent('key:grant')).toEqual([{ consultationId: CID, staffId: counselor().staffId, sealedKeys: [{ keyEpoch: 0, sealedKey: `key0-for-box-${counselor().staffId}` }] }]);
    expect(ctrl.phase).toBe('chat');
  });

  test('a consultation the server no longer knows ends', async () => {
    const { ctrl, socket } = await waiting();
    socket.replies['consultation:resume'] = () => ({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    socket.setStatus({ type: 'connected' });
    await flush();
    expect(ctrl.phase).toBe('ended');
    expect(ctrl.endReason).toBe('abandoned');
  });
});

describe('ending', () => {
  test('the counselor ends: memory is wiped and the socket closed', async () => {
    const { ctrl, socket, crypto } = await chatting();
    socket.push('message:new', stored(1, 'counselor', 1, 'secret'));
    socket.push('consultation:ended', { consultationId: CID, endedBy: 'counselor', reason: 'ended' });
    expect(ctrl.phase).toBe('ended');
    expect(ctrl.endedBy).toBe('counselor');
    expect(ctrl.messages).toEqual([]);
    expect(crypto.wiped).toBe(true);
    expect(socket.closed).toBe(true);
  });

  test('she ends: the server is told, and memory is wiped even if it does not answer', async () => {
    const { ctrl, socket, crypto } = await chatting();
    socket.replies['consultation:end'] = () => ({ ok: false, error: 'TIMEOUT' });
    await ctrl.end();
    expect(socket.sent('consultation:end')).toEqual([{ consultationId: CID }]);
    expect(ctrl.phase).toBe('ended');
    expect(ctrl.endedBy).toBe('client');
    expect(crypto.wiped).toBe(true);
    ctrl.reset();
    expect(ctrl.phase).toBe('idle');
  });

  test('events for a finished consultation are ignored', async () => {
    const { ctrl, socket } = await chatting();
    await ctrl.end();
    socket.push('message:new', stored(9, 'counselor', 9, 'late'));
    expect(ctrl.messages).toEqual([]);
  });
});
