import { describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { call, connected, loginStaff, send, serverPerTest } from './harness.js';
import { from, sealer, serverDropped, tableCounts, womanIsServed } from './limits-helpers.js';

/**
 * Issue 14: one script must not take the service away from real women. Each limit on sockets is
 * met by a caller from one network while a woman from another is served.
 */
const servers = serverPerTest();

describe('the event budget per socket', () => {
  it('refuses past the budget with RATE_LIMITED and changes nothing, then disconnects a socket that keeps going', async () => {
    // Almost no refill during the test, so what is spent stays spent.
    const server = await servers.start({ trustedProxyHops: 1, limits: { events: { burst: 30, perSecond: 0.01, refusalsBeforeDisconnect: 5 } } });
    const script = from(server, '198.51.100.7');
    servers.track(script);
    await connected(script);
    const { consultationId } = await call(script, 'consultation:start', {}); // costs 10 of 30
    expect((await send(script, 'message:list', { consultationId })).ok).toBe(true); // 20: nothing left
    const before = await tableCounts(server);
    const seal = sealer(server, consultationId);
    expect(await send(script, 'message:send', seal('flood'))).toEqual({ ok: false, error: 'RATE_LIMITED' });
    expect(await send(script, 'resume:create', { consultationId, lookup: 'A'.repeat(43), wrappedKey: 'A'.repeat(96) })).toEqual({ ok: false, error: 'RATE_LIMITED' });
    // Unknown events and events without an ack spend the budget too (and count as refusals).
    (script as unknown as { emit(event: string): void }).emit('no:such-event');
    expect(await send(script, 'typing:set', { consultationId, typing: true })).toEqual({ ok: false, error: 'RATE_LIMITED' });
    expect(await tableCounts(server)).toEqual(before);

    // A woman from another network is served meanwhile: her socket has its own budget.
    await womanIsServed(server, '203.0.113.20', servers.track);

    const dropped = serverDropped(server, script.id ?? '');
    expect(await send(script, 'message:list', { consultationId })).toEqual({ ok: false, error: 'RATE_LIMITED' });
    expect(await dropped).toBe('server namespace disconnect');
    // Only her consultation and her message were added.
    expect(await tableCounts(server)).toEqual([(before[0] ?? 0) + 1, (before[1] ?? 0) + 1, before[2], before[3]]);
  });

  it('every event has a cost, and the costliest are the ones that read and send the most', async () => {
    const { eventCosts, inboundSchemas } = await import('@tsunagari/shared');
    expect(Object.keys(eventCosts).sort()).toEqual(Object.keys(inboundSchemas).sort());
    const cheapest = Math.min(...Object.values(eventCosts));
    expect(eventCosts['typing:set']).toBe(cheapest);
    expect(eventCosts['key:grant']).toBeLessThan(eventCosts['message:list']);
    for (const heavy of ['message:list', 'consultation:resume', 'resume:open'] as const) {
      expect(eventCosts[heavy]).toBe(Math.max(...Object.values(eventCosts)));
    }
  });
});

describe('client sockets per caller', () => {
  it('refuses past the limit before the WebSocket upgrade (RATE_LIMITED), frees a place when one closes, and serves another network and a counselor on the same one', async () => {
    const server = await servers.start({ trustedProxyHops: 1, limits: { socketsPerCaller: 3 } });
    const open = [1, 2, 3].map(() => from(server, '198.51.100.7'));
    servers.track(...open);
    await Promise.all(open.map(connected));
    // The fourth is refused before the WebSocket upgrade: engine.io answers RATE_LIMITED and no
    // engine connection (so no Socket.IO handshake, no frames) is ever made for it.
    const engineErrors: { code: number; message: string | undefined }[] = [];
    server.app.io.engine.on('connection_error', (e: { code: number; context?: { message?: string } }) => engineErrors.push({ code: e.code, message: e.context?.message }));
    let engineConnections = 0;
    server.app.io.engine.on('connection', () => engineConnections++);
    const fourth = from(server, '198.51.100.7');
    servers.track(fourth);
    await expect(connected(fourth)).rejects.toThrow();
    expect(engineErrors).toEqual([{ code: 4, message: 'RATE_LIMITED' }]);
    expect(engineConnections).toBe(0);

    await womanIsServed(server, '203.0.113.20', servers.track);
    // A counselor on the capped network still connects: staff sockets are not counted per caller.
    const sato = await loginStaff(server, 'sato', { 'x-forwarded-for': '198.51.100.7' });
    const counselor = connect(server.url, { auth: { role: 'staff' }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: sato.cookie, origin: server.url, 'x-forwarded-for': '198.51.100.7' } });
    servers.track(counselor);
    await connected(counselor);

    const closed = serverDropped(server, open[0]?.id ?? '');
    open[0]?.disconnect();
    await closed;
    const again = from(server, '198.51.100.7');
    servers.track(again);
    await connected(again);
  });

  it('holds for handshakes that arrive together: no more than the limit connect', async () => {
    const server = await servers.start({ trustedProxyHops: 1, limits: { socketsPerCaller: 3 } });
    const burst = Array.from({ length: 8 }, () => from(server, '198.51.100.7'));
    servers.track(...burst);
    const outcomes = await Promise.allSettled(burst.map(connected));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(server.app.io.sockets.sockets.size).toBe(3);
  });
});

describe('the outbound buffer per socket', () => {
  it('disconnects a client that asks for history and stops reading, and a woman on another network still gets her answers', async () => {
    const server = await servers.start({ trustedProxyHops: 1, limits: { outboundBufferBytes: 256 * 1024, events: { burst: 100_000 } } });
    const script = from(server, '198.51.100.7');
    servers.track(script);
    await connected(script);
    const { consultationId } = await call(script, 'consultation:start', {});
    // A long history to ask for again and again (as if she had written it; the test stores it directly).
    const seal = sealer(server, consultationId);
    for (let i = 0; i < 60; i++) {
      const e = seal('長い話'.repeat(1300));
      await server.app.repos.messages.insertOnce({ ...e, senderRole: 'client', senderStaffId: null });
    }
    const dropped = serverDropped(server, script.id ?? '');
    // The script stops reading its socket, then keeps asking: every answer waits in the relay.
    const engine = script.io.engine as unknown as { transport: { ws: { _socket: { pause(): void } } } };
    engine.transport.ws._socket.pause();
    let asked = 0;
    let gone = false;
    void dropped.then(() => (gone = true));
    // Each ask waits until the relay has made a packet since the last (its answer, held for the
    // socket that stopped reading): paced by the relay, not by how fast this loop spins. Spinning
    // on setImmediate, a slow answer (PostgreSQL on a busy machine) let all 400 asks out before
    // the answers had filled the buffer, and the count below said nothing about the cap.
    const conn = server.app.io.sockets.sockets.get(script.id ?? '')?.conn;
    let made = 0;
    let answered = () => {};
    conn?.on('packetCreate', () => {
      made++;
      answered();
    });
    while (!gone && asked < 400) {
      script.emit('message:list', { consultationId }, () => undefined);
      asked++;
      await new Promise<void>((resolve) => {
        if (made >= asked) return resolve();
        answered = resolve;
        void dropped.then(() => resolve());
      });
    }
    expect(await dropped).toMatch(/^transport (close|error)$/);
    // Dropped by the cap (not by a timeout or an error of its own): the relay says so.
    expect(server.logs.filter((l) => l.includes('"socket.outbound_full"'))).toHaveLength(1);
    // About 200 KB of ciphertext per answer: dropped long before every answer was held.
    expect(asked).toBeLessThan(400);

    // A woman on another network who reads as she goes gets her whole long history, page by page, twice over.
    const woman = await womanIsServed(server, '203.0.113.20', servers.track);
    const hers = sealer(server, woman.consultationId);
    for (let i = 0; i < 60; i++) {
      const e = hers('長い話'.repeat(1300));
      await server.app.repos.messages.insertOnce({ ...e, seq: e.seq + 1, senderRole: 'client', senderStaffId: null });
    }
    for (let round = 0; round < 2; round++) {
      let afterId = 0;
      let got = 0;
      for (;;) {
        const page = await call(woman.socket, 'message:list', { consultationId: woman.consultationId, afterId });
        got += page.messages.length;
        afterId = page.messages.at(-1)?.id ?? afterId;
        if (!page.more) break;
      }
      expect(got).toBe(61);
    }
    expect(woman.socket.connected).toBe(true);
  });
});
