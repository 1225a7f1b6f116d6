import v8 from 'node:v8';
import { SERVER_NODE_FLAGS } from '../node-flags.mjs';

/**
 * How far the old generation may grow past what survived the last full collection before the next
 * one starts, in percent (V8's `--heap-growing-percent`). V8 picks this itself from how fast it
 * marks against how fast the program promotes; for a relay that promotes slowly it settled near
 * its minimum, so under the benchmark's load a full collection came every ~2 s, and each held the
 * messages arriving then for 10–20 ms: those set the p99 (30 ms against the bare relay's 10).
 * At 150 % (the next collection when the heap is 2.5× what was live) they come every half minute
 * or less often; with the larger young generation of node-flags.mjs, p99 fell to ~10 ms
 * (docs/performance.md, "What was in the way"). It costs memory, not time: the heap may reach
 * 2.5× its live size.
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 150;

/**
 * Sets the growing factor for this process (0 leaves V8's own choice). V8 reads it each time it
 * sets the next limit, so setting it at start-up is enough. It is process-wide, which is why the
 * process entry points call this and createApp does not.
 */
export function tuneHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${Math.floor(percent)}`);
}

/**
 * The flags of node-flags.mjs this process was started without (from its command line or
 * NODE_OPTIONS), so that a server started by hand says why its latency tails are longer.
 */
export function missingNodeFlags(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)]);
  return SERVER_NODE_FLAGS.filter((flag) => !given.has(flag));
}
