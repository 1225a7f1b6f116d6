import { newSessionKey, sealEpochMessage } from '@tsunagari/shared/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, next, staffSocket, startTestServer, type TestServer } from './harness.js';

describe('server restart', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    servers[0]?.cleanup();
  });

  it('keeps the waiting consultation and every acknowledged message; her token still works', async () => {
    const first = await startTestServer();
    servers.push(first);
    const key = newSessionKey(first.sodium);
    const client = clientSocket(first);
    await connected(client);
    const { consultationId, clientToken } = await call(client, 'consultation:start', {});
    const acked = [];
    for (let seq = 1; seq <= 3; seq++) {
      acked.push(await call(client, 'message:send', sealEpochMessage(first.sodium, key, { consultationId, senderRole: 'client', keyEpoch: 0, seq }, { kind: 'text', text: `m${seq}` })));
    }
    const dropped = new Promise<string>((resolve) => client.once('disconnect', resolve));
    await first.stop();
    expect(await dropped).toBe('transport close'); // not "io server disconnect": her widget will reconnect

    const second = await startTestServer({ dir: first.dir });
    servers.push(second);
    const again = clientSocket(second);
    await connected(again);
    const snapshot = await call(again, 'consultation:resume', { consultationId, clientToken });
    expect(snapshot.status).toBe('waiting');
    expect(snapshot.position).toBe(1);
    expect(snapshot.messages.map((m) => m.id)).toEqual(acked.map((m) => m.id));
    again.disconnect();
  });
  it('a relay whose routing cannot load from its database (one node) asks to start again instead of admitting nobody for good', async () => {
    let startAgain = 0;
    const server = await startTestServer({
      mustStartAgain: () => void startAgain++,
      repositoriesThrough: (repos) => ({
        ...repos,
        consultations: Object.assign(Object.create(repos.consultations) as typeof repos.consultations, {
          waiting: async () => {
            throw new Error('disk I/O error');
          },
        }),
      }),
    });
    servers.push(server);
    await expect.poll(() => startAgain, { timeout: 10_000, interval: 20 }).toBe(1);
    expect(server.logs.some((l) => l.includes('"routing.boot_failed"'))).toBe(true);
  });

  it('a counselor offered her when the relay stopped: after the restart she is offered again (no offer left pending for ever)', async () => {
    // With the queue in Redis the second start meets the offer the first made; its timer died
    // with the first process, so the new one must take it on (the Redis matrix runs this file).
    const routing = { offerTimeoutMs: 800 };
    const first = await startTestServer({ routing });
    servers.push(first);
    const sato = staffSocket(first, await loginStaff(first, 'sato'));
    await connected(sato);
    await call(sato, 'staff:status', { status: 'available' });
    const client = clientSocket(first);
    await connected(client);
    const offered = next(sato, 'queue:offer');
    const { consultationId, clientToken } = await call(client, 'consultation:start', {});
    expect((await offered).consultationId).toBe(consultationId);
    await first.stop();

    const second = await startTestServer({ dir: first.dir, routing });
    servers.push(second);
    const again = clientSocket(second);
    await connected(again);
    await call(again, 'consultation:resume', { consultationId, clientToken });
    const sato2 = staffSocket(second, await loginStaff(second, 'sato'));
    await connected(sato2);
    const offeredAgain = next(sato2, 'queue:offer');
    await call(sato2, 'staff:status', { status: 'available' });
    expect((await offeredAgain).consultationId).toBe(consultationId);
    await call(sato2, 'offer:accept', { consultationId });
    again.disconnect();
    sato2.disconnect();
  });
});
