import { describe, expect, it } from 'vitest';
import { DEFAULT_HEARTBEAT, loadConfig } from '../src/config.js';
import { clientSocket, connected, serverPerTest } from './harness.js';

/**
 * Socket.IO's heartbeat comes from the environment (TSUNAGARI_PING_INTERVAL_MS and
 * TSUNAGARI_PING_TIMEOUT_MS), with Socket.IO's own defaults when unset.
 */
describe('heartbeat', () => {
  const servers = serverPerTest();

  it('reads the ping interval and timeout, and keeps Socket.IO’s defaults without them', () => {
    expect(loadConfig({}).heartbeat).toEqual(DEFAULT_HEARTBEAT);
    expect(DEFAULT_HEARTBEAT).toEqual({ intervalMs: 25_000, timeoutMs: 20_000 });
    expect(loadConfig({ TSUNAGARI_PING_INTERVAL_MS: '2000', TSUNAGARI_PING_TIMEOUT_MS: '1500' }).heartbeat).toEqual({ intervalMs: 2000, timeoutMs: 1500 });
    expect(() => loadConfig({ TSUNAGARI_PING_INTERVAL_MS: 'soon' })).toThrow(/TSUNAGARI_PING_INTERVAL_MS/);
  });

  it('pings a connected client at the configured interval', async () => {
    const server = await servers.start({ heartbeat: { intervalMs: 50, timeoutMs: 1_000 } });
    const socket = clientSocket(server);
    servers.track(socket);
    await connected(socket);
    // Three pings arrive within the test's time only if the server uses the short interval (the
    // default would take 75 s).
    await new Promise<void>((resolve) => {
      let pings = 0;
      socket.io.engine.on('ping', () => {
        pings += 1;
        if (pings === 3) resolve();
      });
    });
    expect(socket.connected).toBe(true);
  });
});
