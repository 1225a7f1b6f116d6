import { newSessionKey, sealEpochMessage } from '@tsunagari/shared/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { call, clientSocket, connected, startTestServer, type TestServer } from './harness.js';

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
});
