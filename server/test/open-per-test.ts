import { afterEach } from 'vitest';
import type { ClientSocket, TestServer } from './harness.js';

/** What a test opened, closed after it: sockets first, then servers (stopped, their folders removed), then `after`. */
export interface OpenPerTest {
  servers: TestServer[];
  sockets: ClientSocket[];
  /** Run last, e.g. removing a folder another server shared. */
  after: (() => void)[];
}

/** For test files that start several servers by hand (nodes on one Redis): everything closed after each test. */
export function openPerTest(): OpenPerTest {
  const open: OpenPerTest = { servers: [], sockets: [], after: [] };
  afterEach(async () => {
    for (const s of open.sockets.splice(0)) s.disconnect();
    for (const s of open.servers.splice(0)) {
      await s.stop();
      s.cleanup();
    }
    for (const f of open.after.splice(0)) f();
  });
  return open;
}
