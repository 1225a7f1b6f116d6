import type { ClientToServerEvents, CounselorIdentity, ServerToClientEvents, StoredMessage } from '@tsunagari/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, test, vi } from 'vitest';
import { ConsultationController } from './consultation.controller.js';
import type { RelaySocket, RequestError, SessionCrypto, SocketStatusEvent } from './consultation-types.js';

const CID = 'consultation-id-0001';
const TOKEN = 't'.repeat(43);
const ORG_KEY = 'K'.repeat(43);

type Reply = { ok: true; data: unknown } | { ok: false; error: RequestError };

/** A fake relay: answers requests from a table, lets the test push events and status. */
class FakeSocket implements RelaySocket {
  requests: Array<{ event: keyof ClientToServerEvents; payload: unknown }> = [];
  replies: Partial<Record<keyof ClientToServerEvents, (payload: unknown) => Reply>> = {
    'consultation:start': () => ({ ok: true, data: { consultationId: CID, clientToken: TOKEN, position: 3 } }),
    'key:grant': () => ({ ok: true, data: { grantedAt: 'now' } }),
    'consultation:end': () => ({ ok: true, data: { endedAt: 'now' } }),
    'message:list': () => ({ ok: true, data: { messages: [] } }),
  };
  closed = false;
  private handlers = new Map<string, (payload: never) => void>();
  private status: Array<(e: SocketStatusEvent) => void> = [];

  request = (async (event: keyof ClientToServerEvents, payload: unknown) => {
    this.requests.push({ event, payload });
    return this.replies[event]?.(payload) ?? { ok: false, error: 'INTERNAL' };
  }) as RelaySocket['request'];
  on<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): void {
    this.handlers.set(event, handler as (payload: never) => void);
  }
  onStatus(handler: (e: SocketStatusEvent) => void): void {
    this.status.push(handler);
  }
  close(): void {
    this.closed = true;
  }
  push<E extends keyof ServerToClientEvents>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    this.handlers.get(event)?.(payload as never);
  }
  setStatus(e: SocketStatusEvent): void {
    for (const h of this.status) h(e);
  }
  sent(event: keyof ClientToServerEvents): unknown[] {
    return this.requests.filter((r) => r.event === event).map((r) => r.payload);
  }
}

function fakeStore() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

/** Fake crypto: "ciphertext" is the text itself; a counselor verifies when her signature is "good". */
function fakeCrypto(): SessionCrypto & { wiped: boolean } {
  return {
    wiped: false,
    verify: (c) => c.orgSignature === 'good',
    sealKeyFor: (c) => `sealed-for-${c.staffId}`,
    seal: (consultationId, seq, body) => {
      const { kind, ...rest } = body;
      return { consultationId, seq, nonce: 'n'.repeat(32), ciphertext: kind === 'text' ? `enc:${body.text}` : `intake:${JSON.stringify(rest)}` };
    },
    open: (m) =>
      m.ciphertext.startsWith('enc:')
        ? { kind: 'text', text: m.ciphertext.slice(4) }
        : m.ciphertext.startsWith('intake:')
          ? { kind: 'intake', ...JSON.parse(m.ciphertext.slice(7)) }
          : null,
    exportKey: () => 'k'.repeat(43),
    importKey: () => undefined,
    newResumeCode: () => ({ code: 'CODE', lookup: 'l'.repeat(43), wrappedKey: 'w'.repeat(96) }),
    resumeKeys: (code) => (code === 'bad' ? null : { lookup: 'l'.repeat(43), unwrap: (w) => w === 'w'.repeat(96) }),
    wipe() {
      this.wiped = true;
    },
  };
}

const counselor = (orgSignature = 'good'): CounselorIdentity => ({
  staffId: 'staff-id-000000001',
  displayName: '山田',
  boxPublicKey: 'b'.repeat(43),
  signPublicKey: 's'.repeat(43),
  orgSignature,
});

const stored = (id: number, senderRole: 'client' | 'counselor', seq: number, text: string | null): StoredMessage => ({
  id,
  consultationId: CID,
  senderRole,
  seq,
  nonce: 'n'.repeat(32),
  ciphertext: text === null ? 'garbage' : `enc:${text}`,
  sentAt: '2025-04-01T01:00:00.000Z',
});

/** What the server answers to message:send: only what it added to her envelope. */
const receipt = (id: number) => ({ id, sentAt: '2025-04-01T01:00:00.000Z' });

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(orgKey = ORG_KEY) {
  const socket = new FakeSocket();
  const crypto = fakeCrypto();
  const host: ReactiveControllerHost & { updates: number } = {
    updates: 0,
    addController: (_c: ReactiveController) => {},
    removeController: () => {},
    requestUpdate() {
      this.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
  const load = vi.fn(async () => ({ socket, crypto }));
  const kv = fakeStore();
  const ctrl = new ConsultationController(host, {
    config: () => ({ server: 'http://relay.test', orgKey, campaign: 'flyer-1' }),
    load,
    connectTimeoutMs: 1000,
    quickExitWaitMs: 50,
    storage: () => kv,
  });
  return { ctrl, socket, crypto, host, load, kv };
}

/** Started and connected, waiting in the queue; `settle` lets pending work run (fake clocks pass their own). */
async function waiting(settle: () => Promise<unknown> = flush) {
  const s = setup();
  await s.ctrl.start();
  expect(s.ctrl.phase).toBe('connecting');
  s.socket.setStatus({ type: 'connected', first: true });
  await settle();
  return s;
}

async function chatting() {
  const s = await waiting();
  s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor() });
  await flush();
  return s;
}

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
    s.socket.setStatus({ type: 'connected', first: true });
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
      { consultationId: CID, staffId: counselor().staffId, sealedKey: `sealed-for-${counselor().staffId}` },
    ]);
    expect(ctrl.phase).toBe('chat');
    expect(ctrl.position).toBeNull();
  });

  test('sends nothing to a counselor whose keys the organisation did not sign', async () => {
    const { ctrl, socket } = await waiting();
    socket.push('consultation:assigned', { consultationId: CID, counselor: counselor('forged') });
    await flush();
    expect(socket.sent('key:grant')).toEqual([]);
    expect(ctrl.phase).toBe('unsafe');
  });
});

describe('messages', () => {
  test('her message is pending until acknowledged, then stored', async () => {
    const { ctrl, socket } = await chatting();
    socket.replies['message:send'] = () => ({ ok: true, data: receipt(10) });
    const sending = ctrl.send('  hi  ');
    expect(ctrl.messages).toEqual([expect.objectContaining({ id: null, seq: 1, text: 'hi', state: 'pending' })]);
    await sending;
    expect(ctrl.messages).toEqual([expect.objectContaining({ id: 10, seq: 1, text: 'hi', state: 'sent' })]);
    expect(socket.sent('message:send')).toEqual([{ consultationId: CID, seq: 1, nonce: 'n'.repeat(32), ciphertext: 'enc:hi' }]);
  });

  test('a failed message stays, and a retry sends the same seq', async () => {
    const { ctrl, socket } = await chatting();
    socket.replies['message:send'] = () => ({ ok: false, error: 'TIMEOUT' });
    await ctrl.send('one');
    expect(ctrl.messages[0]).toMatchObject({ state: 'failed', seq: 1 });
    socket.replies['message:send'] = () => ({ ok: true, data: receipt(3) });
    await ctrl.retry(1);
    expect(ctrl.messages).toEqual([expect.objectContaining({ id: 3, state: 'sent' })]);
    const seqs = socket.sent('message:send').map((p) => (p as { seq: number }).seq);
    expect(seqs).toEqual([1, 1]);
  });

  test('refuses empty and over-long messages', async () => {
    const { ctrl, socket } = await chatting();
    expect(await ctrl.send('   ')).toBe(false);
    expect(await ctrl.send('あ'.repeat(4001))).toBe(false);
    expect(socket.sent('message:send')).toEqual([]);
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
      data: { consultationId: CID, status: 'active', position: null, counselor: counselor(), messages: [stored(1, 'counselor', 1, 'a'), stored(2, 'counselor', 2, 'b')] },
    });
    socket.replies['message:list'] = () => ({ ok: true, data: { messages: [stored(2, 'counselor', 2, 'b'), stored(3, 'counselor', 3, 'c')] } });
    socket.setStatus({ type: 'connected', first: false });
    await flush();
    expect(ctrl.connection).toBe('connected');
    expect(socket.sent('consultation:resume')).toEqual([{ consultationId: CID, clientToken: TOKEN }]);
    expect(socket.sent('message:list')).toEqual([{ consultationId: CID, afterId: 2 }]);
    expect(ctrl.messages.map((m) => m.text)).toEqual(['a', 'b', 'c']);
    // Same counselor: the key is not granted twice.
    expect(socket.sent('key:grant')).toHaveLength(1);
  });

  test('a counselor assigned while she was away gets the key on resume', async () => {
    const { ctrl, socket } = await waiting();
    socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: { consultationId: CID, status: 'active', position: null, counselor: counselor(), messages: [] },
    });
    socket.setStatus({ type: 'connected', first: false });
    await flush();
    expect(socket.sent('key:grant')).toHaveLength(1);
    expect(ctrl.phase).toBe('chat');
  });

  test('a consultation the server no longer knows ends', async () => {
    const { ctrl, socket } = await waiting();
    socket.replies['consultation:resume'] = () => ({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    socket.setStatus({ type: 'connected', first: false });
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

describe('safety-first additions', () => {
  test('intake answers go as the first encrypted message (seq 1); only urgent travels in clear', async () => {
    const s = setup();
    s.socket.replies['message:send'] = () => ({ ok: true, data: receipt(1) });
    await s.ctrl.start({ urgent: true, intake: { danger: 'yes', topics: ['孤独'] } });
    s.socket.setStatus({ type: 'connected', first: true });
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
    s.socket.setStatus({ type: 'connected', first: true });
    await flush();
    expect(s.socket.sent('consultation:start')).toEqual([{ campaign: 'flyer-1' }]);
    expect(s.socket.sent('message:send')).toEqual([]);
  });

  test('OUTSIDE_HOURS closes the socket and marks the chat closed', async () => {
    const s = setup();
    s.socket.replies['consultation:start'] = () => ({ ok: false, error: 'OUTSIDE_HOURS' });
    await s.ctrl.start();
    s.socket.setStatus({ type: 'connected', first: true });
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
    s.socket.setStatus({ type: 'connected', first: true });
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
    s.socket.setStatus({ type: 'connected', first: true });
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
    s.socket.setStatus({ type: 'connected', first: true });
    await flush();
    expect(s.socket.sent('resume:open')).toEqual([{ lookup: 'l'.repeat(43) }]);
    expect(s.ctrl.phase).toBe('chat');
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['おかえりなさい']);
  });

  test('an unknown code says so and goes back', async () => {
    const s = setup();
    s.socket.replies['resume:open'] = () => ({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    await s.ctrl.resumeWithCode('ABCD');
    s.socket.setStatus({ type: 'connected', first: true });
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
    expect(JSON.parse(s.kv.getItem('tsunagari-chat') ?? 'null')).toMatchObject({ consultationId: CID, key: 'k'.repeat(43) });
    // Position pushes resume as for any waiting client.
    s.socket.push('queue:position', { consultationId: CID, position: 1, waiting: 2 });
    expect(s.ctrl.position).toBe(1);
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: other });
    await flush();
    expect((s.socket.sent('key:grant') as Array<{ staffId: string }>).map((g) => g.staffId)).toEqual([counselor().staffId, other.staffId]);
    expect(s.ctrl.phase).toBe('chat');
    expect(s.ctrl.requeued).toBe(false);
    expect(s.ctrl.transferred).toBe(true);
    expect(s.ctrl.position).toBeNull();
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['こんにちは']);
  });

  test('the same counselor taking her again from the queue is checked and granted again (not left waiting)', async () => {
    const s = await chatting();
    s.socket.push('consultation:requeued', { consultationId: CID });
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor() });
    await flush();
    expect(s.socket.sent('key:grant')).toHaveLength(2);
    expect(s.ctrl.phase).toBe('chat');
  });

  test('after a requeue an unsigned counselor gets nothing', async () => {
    const s = await chatting();
    s.socket.push('consultation:requeued', { consultationId: CID });
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: { ...counselor('forged'), staffId: 'staff-id-000000003' } });
    await flush();
    expect(s.socket.sent('key:grant')).toHaveLength(1);
    expect(s.ctrl.phase).toBe('unsafe');
  });

  test('handed back while she was away: the resume snapshot says waiting, and she waits with the kind line', async () => {
    const s = await chatting();
    s.socket.setStatus({ type: 'reconnecting' });
    s.socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: { consultationId: CID, status: 'waiting', position: 1, requeued: true, counselor: null, messages: [] },
    });
    s.socket.setStatus({ type: 'connected', first: false });
    await flush();
    expect(s.ctrl.phase).toBe('waiting');
    expect(s.ctrl.requeued).toBe(true);
    expect(s.ctrl.position).toBe(1);
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor() });
    await flush();
    expect(s.ctrl.phase).toBe('chat');
    expect(s.socket.sent('key:grant')).toHaveLength(2);
  });
});

describe('typing', () => {
  test('her typing is told (throttled) only in a chat, and stops on send', async () => {
    vi.useFakeTimers();
    try {
      const s = await waiting(() => vi.advanceTimersByTimeAsync(0));
      s.ctrl.typed();
      expect(s.socket.sent('typing:set')).toEqual([]);
      s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor() });
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
      s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor() });
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
