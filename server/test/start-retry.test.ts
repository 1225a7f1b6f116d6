import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, send, serverPerTest, type ClientSocket, type TestServer } from './harness.js';

/**
 * A start whose ack was lost (a drop in her mobile network, a timeout) and that her widget sends
 * again on the same socket gets the same consultation back, with her place now: not INVALID_STATE,
 * which made the widget start a second consultation at the back of the queue.
 */
describe('a start sent again on the same socket', () => {
  const servers = serverPerTest();
  async function client(server: TestServer): Promise<ClientSocket> {
    const socket = clientSocket(server);
    servers.track(socket);
    await connected(socket);
    return socket;
  }
  const rows = (s: TestServer) => (s.db.prepare('SELECT COUNT(*) AS n FROM consultation').get() as { n: number }).n;

  it('answers the same consultation and token, stores nothing more, and tells her place now', async () => {
    const server = await servers.start();
    const ahead = await client(server);
    const first = await call(ahead, 'consultation:start', {});
    const her = await client(server);
    const started = await call(her, 'consultation:start', { campaign: 'flyer', urgent: false });
    expect(started.position).toBe(2);
    expect(await call(her, 'consultation:start', { campaign: 'flyer', urgent: false })).toEqual(started);
    expect(rows(server)).toBe(2);
    expect((await server.app.services.routing.router.view()).waiting.map((q) => q.consultationId)).toEqual([first.consultationId, started.consultationId]);

    // The woman ahead of her leaves: the same start again tells her she is first now.
    await call(ahead, 'consultation:end', { consultationId: first.consultationId });
    expect(await call(her, 'consultation:start', { campaign: 'flyer', urgent: false })).toEqual({ ...started, position: 1 });
    // Her token still resumes her consultation from a new socket.
    const resumed = await call(await client(server), 'consultation:resume', { consultationId: started.consultationId, clientToken: started.clientToken });
    expect(resumed).toMatchObject({ status: 'waiting', position: 1 });
  });

  it('refuses a different start on that socket, and any start once her consultation ended (INVALID_STATE)', async () => {
    const server = await servers.start();
    const her = await client(server);
    const started = await call(her, 'consultation:start', {});
    expect(await send(her, 'consultation:start', { urgent: true })).toEqual({ ok: false, error: 'INVALID_STATE' });
    expect(await send(her, 'consultation:start', { campaign: 'web' })).toEqual({ ok: false, error: 'INVALID_STATE' });
    await call(her, 'consultation:end', { consultationId: started.consultationId });
    expect(await send(her, 'consultation:start', {})).toEqual({ ok: false, error: 'INVALID_STATE' });
    expect(rows(server)).toBe(1);
  });

  it('is answered the same when it arrives while the first is still being started', async () => {
    const server = await servers.start();
    const her = await client(server);
    const [a, b] = await Promise.all([send(her, 'consultation:start', {}), send(her, 'consultation:start', {})]);
    expect(a).toEqual(b);
    expect(a.ok).toBe(true);
    expect(rows(server)).toBe(1);
  });
});
