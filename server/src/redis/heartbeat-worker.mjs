// A relay node's heartbeat, renewed from a thread of its own with a Redis connection of its own
// (issue 17; started by heartbeat-thread.ts). Beaten from the relay's event loop, the heartbeat
// lapsed whenever that loop was held longer than its lifetime (4–6 s at the defaults: a burst of
// whole-queue reads, thousands of disconnects at once) and the other nodes swept a node that was
// alive. Here it keeps beating while the loop is busy — but only while the loop still ticks now
// and then: once it has not ticked for `stallMs` the beats stop, so a node stuck for good is still
// taken for dead. Plain JavaScript on purpose: a worker thread does not inherit the TypeScript
// loader the server may run under.
import { parentPort, workerData } from 'node:worker_threads';
import { Redis } from 'ioredis';

const { connection, lua, base, nodeId, beatMs, stallMs, ticks: ticksBuffer } = workerData;
/** [0]: a counter the relay's event loop moves on every tick (heartbeat-thread.ts). */
const ticks = new Int32Array(ticksBuffer);
const key = `${base}node:${nodeId}`;

// One try per command: a beat that cannot be written is reported, and the next one is the retry.
const redis = new Redis({ ...connection, maxRetriesPerRequest: 1 });
redis.on('error', () => undefined); // each failed command says why; the connection retries on its own
redis.defineCommand('tsunagariHeartbeat', { lua, numberOfKeys: 0 });

let seen = Atomics.load(ticks, 0);
let seenAt = performance.now();
let withheld = false;
/** The beat on its way, if any: beats never pile up behind a slow Redis. */
let inFlight = null;

async function beat() {
  const now = performance.now();
  const tick = Atomics.load(ticks, 0);
  if (tick !== seen) {
    seen = tick;
    seenAt = now;
    withheld = false;
  }
  if (now - seenAt > stallMs) {
    // The loop is stuck: let the heartbeat run out, as it would if the process had died.
    if (!withheld) parentPort.postMessage({ kind: 'withheld', heldMs: Math.round(now - seenAt) });
    withheld = true;
    return;
  }
  try {
    const was = await redis.tsunagariHeartbeat(base, nodeId, beatMs * 3);
    parentPort.postMessage({ kind: 'beat', was: Number(was) });
  } catch (caught) {
    parentPort.postMessage({ kind: 'failed', error: caught instanceof Error ? caught.message : String(caught) });
  }
}

function beatOnce() {
  if (inFlight) return;
  inFlight = beat().finally(() => (inFlight = null));
}

const timer = setInterval(beatOnce, beatMs);
beatOnce();

parentPort.on('message', async (message) => {
  if (message?.kind !== 'stop') return;
  clearInterval(timer);
  // A beat still on its way would outlive the removal below: wait for it, then remove.
  await inFlight;
  await redis.del(key).catch(() => undefined);
  await redis.quit().catch(() => redis.disconnect());
  parentPort.close();
});
