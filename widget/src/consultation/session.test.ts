import { describe, expect, test, vi } from 'vitest';
import { ASSIGNED_AT, chatting, CID, counselor, emptyIntake, flush, grantedFirst, receipt, type Reply, savedRecord, setup, snapshot, stored, TOKEN, waiting } from './controller-fakes.js';

/** A reply the test hands out when it chooses. */
function later(): { reply: () => Promise<Reply>; answer: (r: Reply) => void } {
  let answer: (r: Reply) => void = () => undefined;
  const p = new Promise<Reply>((resolve) => (answer = resolve));
  return { reply: () => p, answer };
}

/** Counts writes to the session store. */
function countWrites(kv: { setItem: (k: string, v: string) => void }): () => number {
  let writes = 0;
  const setItem = kv.setItem;
  kv.setItem = (k, v) => {
    writes++;
    setItem(k, v);
  };
  return () => writes;
}

describe('one session per connection', () => {
  test('sessionStorage is written only when what a reload needs changes', async () => {
    const s = await chatting();
    const writes = countWrites(s.kv);
    s.socket.push('message:new', stored(1, 'counselor', 1, 'こんにちは'));
    s.socket.push('typing:changed', { consultationId: CID, role: 'counselor', typing: true });
    s.socket.push('queue:position', { consultationId: CID, position: 1, waiting: 1 });
    // A drop and a resume to the same chat: the same ids, key and seq, so nothing to write.
    s.socket.replies['consultation:resume'] = () => ({ ok: true, data: snapshot({ messages: [stored(1, 'counselor', 1, 'こんにちは')] }) });
    s.socket.setStatus({ type: 'reconnecting' });
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.socket.sent('consultation:resume')).toHaveLength(1);
    expect(writes()).toBe(0);
    s.socket.replies['message:send'] = () => ({ ok: true, data: receipt(2) });
    await s.ctrl.send('はい');
    // Once with the message on its way (a reload sends it again), once when it was acknowledged.
    expect(writes()).toBe(2);
    // Seq 1 was her intake, which the fake relay never answered: still on its way, sealed.
    expect(JSON.parse(s.kv.getItem('tsunagari-chat') ?? 'null')).toMatchObject({ consultationId: CID, clientToken: TOKEN, keys: ['key0'], seq: 2, unsent: [emptyIntake], grant: grantedFirst });
  });

  test('her own message is not decrypted again when the server acknowledges it', async () => {
    const s = await chatting();
    const open = vi.spyOn(s.crypto, 'open');
    s.socket.replies['message:send'] = () => ({ ok: true, data: receipt(5) });
    await s.ctrl.send('わたしの言葉');
    expect(open).not.toHaveBeenCalled();
    expect(s.ctrl.messages).toEqual([expect.objectContaining({ id: 5, text: 'わたしの言葉', state: 'sent' })]);
  });

  test('a session that is gone cannot act: a late ack after quick exit changes nothing', async () => {
    const s = await chatting();
    const ack = later();
    s.socket.replies['message:send'] = ack.reply as never;
    void s.ctrl.send('まだ');
    await flush();
    await s.ctrl.quickExit();
    ack.answer({ ok: true, data: receipt(9) });
    await flush();
    expect(s.ctrl.messages).toEqual([]);
    expect(s.kv.map.size).toBe(0);
    s.socket.push('message:new', stored(10, 'counselor', 1, 'late'));
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect([s.ctrl.phase, s.ctrl.messages, s.socket.sent('consultation:resume')]).toEqual(['idle', [], []]);
  });

  test('code that finishes loading after she left is closed and starts nothing', async () => {
    const s = setup();
    let loaded: (deps: { socket: typeof s.socket; crypto: typeof s.crypto }) => void = () => undefined;
    s.load.mockImplementation(() => new Promise((resolve) => (loaded = resolve)));
    const starting = s.ctrl.start();
    await s.ctrl.quickExit();
    loaded({ socket: s.socket, crypto: s.crypto });
    await starting;
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.socket.closed).toBe(true);
    expect(s.crypto.wiped).toBe(true);
    expect(s.socket.sent('consultation:start')).toEqual([]);
    expect([s.ctrl.phase, s.ctrl.error]).toEqual(['idle', null]);
  });

  test('a reconnect while the start is on its way does not start a second consultation', async () => {
    const s = setup();
    const started = later();
    s.socket.replies['consultation:start'] = started.reply as never;
    await s.ctrl.start();
    s.socket.setStatus({ type: 'connected' });
    s.socket.setStatus({ type: 'reconnecting' });
    s.socket.setStatus({ type: 'connected' });
    started.answer({ ok: true, data: { consultationId: CID, clientToken: TOKEN, position: 1 } });
    await flush();
    expect(s.socket.sent('consultation:start')).toHaveLength(1);
    expect(s.ctrl.phase).toBe('waiting');
  });

  test('her seq goes on above what the server stored of hers, even past what this tab remembered', async () => {
    const s = setup();
    s.kv.setItem('tsunagari-chat', savedRecord({ seq: 1, grant: grantedFirst }));
    s.socket.replies['consultation:resume'] = () => ({ ok: true, data: snapshot({ messages: [stored(7, 'client', 4, 'もう送った')] }) });
    s.socket.replies['message:send'] = () => ({ ok: true, data: receipt(8) });
    await s.ctrl.restore();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    await s.ctrl.send('つぎ');
    expect((s.socket.sent('message:send') as Array<{ seq: number }>).map((m) => m.seq)).toEqual([5]);
  });

  test('after an unsigned counselor, nobody gets the key: a signed one assigned next is ignored, the end is heard', async () => {
    const s = await waiting();
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor('forged'), assignedAt: ASSIGNED_AT });
    await flush();
    expect(s.ctrl.phase).toBe('unsafe');
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor(), assignedAt: '2025-04-01T02:00:00.000Z' });
    s.socket.push('message:new', stored(1, 'counselor', 1, 'こんにちは'));
    await flush();
    expect(s.socket.sent('key:grant')).toEqual([]);
    expect([s.ctrl.phase, s.ctrl.messages]).toEqual(['unsafe', []]);
    s.socket.push('consultation:ended', { consultationId: CID, endedBy: 'counselor', reason: 'ended' });
    expect(s.ctrl.phase).toBe('ended');
    expect(s.crypto.wiped).toBe(true);
  });
});
