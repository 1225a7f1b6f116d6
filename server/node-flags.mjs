/**
 * The Node flags every launch of the server uses: `npm start`, the server package's `start`
 * script, the e2e server, the benchmark, and the README's command for a process manager
 * (src/heap-tuning.test.ts keeps the two written-out copies in step with this list).
 * - `--max-semi-space-size=32`: a young generation of up to 32 MB a half (Node 20's default is
 *   16), so what lives a few hundred milliseconds (a message between arrival and its commit, acks
 *   on their way) dies young instead of being promoted for the old generation's collector to find;
 *   see src/heap-tuning.ts. V8 sizes the heap when the process starts, so this cannot be set later.
 */
export const SERVER_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=32'];
