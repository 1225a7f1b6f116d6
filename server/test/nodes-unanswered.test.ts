import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/log.js';
import { createRedisNode } from '../src/redis/redis-node.js';
import { call, clientSocket, connected, startTestServer } from './harness.js';
import { openPerTest } from './open-per-test.js';
import { redisPerFile } from './redis-per-file.js';

// Issue 17: when a woman's socket drops on one node, that node asks the others (through the
// adapter) whether she has a socket there before starting her grace. A node that does not answer
// (stalled; or, holding 30,000, thousands of such questions at once) made the question fail, and
// her grace never started: she stayed "waiting" with no timer at all. Now her grace starts all the
// same; its end asks the presence registry before ending anything.
const SERVER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = redisPerFile();
const open = openPerTest();
const PREFIX = 'unanswered:';

/** A Socket.IO node on the same adapter stream that joins the cluster, then is stopped (SIGSTOP): it never answers. */
async function stalledNode(socketPath: string): Promise<{ stall(): void; end(): void }> {
  const code = `
    import { Server } from 'socket.io';
    import { createAdapter } from '@socket.io/redis-streams-adapter';
    import { Redis } from 'ioredis';
    const io = new Server({ adapter: createAdapter(new Redis({ path: ${JSON.stringify(socketPath)} }), { streamName: '${PREFIX}socket.io', channelPrefix: '${PREFIX}socket.io', blockTimeInMs: 200 }) });
    io.of('/');
    setTimeout(() => console.log('ready'), 500);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: SERVER_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => /ready/.test(out) && resolve());
    child.once('exit', (c) => reject(new Error(`the stalled node exited (${c}):\n${out}`)));
  });
  return {
    stall: () => void child.kill('SIGSTOP'),
    end() {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    },
  };
}

describe('a woman who drops while another node does not answer', { timeout: 40_000 }, () => {
  it('still has her grace: when it runs out (and the registry finds her nowhere) she is ended as abandoned, not left waiting forever', async () => {
    const a = await startTestServer({
      routing: { clientGraceMs: 300 },
      shared: createRedisNode(file.redis.connect(), { prefix: PREFIX, adapterBlockMs: 200, heartbeatMs: 200, clock: systemClock, log: createLogger('silent') }),
    });
    open.servers.push(a);
    const stalled = await stalledNode(file.redis.path);
    try {
      // Node A has heard the other node join (its first heartbeat) before it is stopped.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const her = clientSocket(a);
      open.sockets.push(her);
      await connected(her);
      const chat = await call(her, 'consultation:start', {});
      stalled.stall();
      her.disconnect();
      // The adapter's question times out after 5 s; her 300 ms grace follows.
      const deadline = Date.now() + 20_000;
      let row: { status?: string; end_reason?: string } | undefined;
      while (Date.now() < deadline) {
        row = (await a.rows('SELECT status, end_reason FROM consultation WHERE id = ?', chat.consultationId))[0] as typeof row;
        if (row?.status === 'ended') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(row).toMatchObject({ status: 'ended', end_reason: 'abandoned' });
    } finally {
      stalled.end();
    }
  });
});
