// `npm run cluster`: the demo on several relay nodes (issue 17). Builds as `npm start` does,
// then starts the layout of scripts/local-cluster.mjs (PostgreSQL, Redis, three relay nodes
// sharing them with DEMO=1, nginx in front, all in one temporary folder), prints `npm start`'s
// banner with nginx's address, and on Ctrl+C or SIGTERM stops everything (each by its own
// process id) and deletes the folder.
// PORT: nginx's port (8080 by default; 0: a free one). `--no-build`: use the built files as they are.
import fs from 'node:fs';
import { buildWorkspace, ensurePnpm, installDependencies } from './bootstrap.mjs';
import { MAIN, createCluster } from './local-cluster.mjs';

const NODES = 3;
/** server/src/main.ts's exit code for "start me again" (its Redis lost the shared queue). */
const START_AGAIN = 75;
const cluster = createCluster();
let stopping = false;

/** Stops the cluster (whatever of it runs by now) and exits with `code` (1 if stopping failed). */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  try {
    await cluster.stop();
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    code = 1;
  }
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stopAll(0));
// `npm run cluster` runs this through a shell that does not pass a SIGTERM on: npm exits and
// this script is left to init. A new parent means whoever started it is gone: stop, as on SIGTERM.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void stopAll(0), 500).unref();

try {
  if (!process.argv.includes('--no-build')) {
    const pnpm = ensurePnpm();
    installDependencies(pnpm);
    buildWorkspace(pnpm);
  } else if (!fs.existsSync(MAIN)) {
    throw new Error(`--no-build, but ${MAIN} is missing: run pnpm run build (or npm run cluster without --no-build)`);
  }
  const { publicUrl, dir, nodes, nginx, pg, redis } = await cluster.start({
    nodes: NODES,
    port: process.env.PORT === '0' ? 0 : Number(process.env.PORT ?? 8080),
    // Each node's lines after its banner, marked with its number.
    output: (n, line) => process.stdout.write(`[node ${n}] ${line}\n`),
  });
  // A node or nginx gone while the cluster runs: the demo is broken, stop the rest. (One that
  // stopped while the others were starting counts too.) A node that exits 75 asks to be started
  // again (its Redis lost the shared queue: it restores it from the database), as systemd would.
  const gone = (child) => child.exitCode !== null || child.signalCode !== null;
  const watch = (node) => {
    const stopped = () => {
      if (stopping) return;
      if (node.child.exitCode === START_AGAIN) {
        process.stderr.write(`relay node ${node.n} asked to be started again (exit ${START_AGAIN}): starting it\n`);
        cluster.restart(node).then(watch, (err) => {
          process.stderr.write(`${err.message}\n`);
          void stopAll(1);
        });
        return;
      }
      process.stderr.write(`relay node ${node.n} stopped (${node.child.exitCode ?? node.child.signalCode}): stopping the cluster\n`);
      void stopAll(1);
    };
    if (gone(node.child)) stopped();
    else node.child.once('exit', stopped);
  };
  for (const node of nodes) watch(node);
  if (gone(nginx.child)) void stopAll(1);
  else nginx.child.once('exit', () => !stopping && void stopAll(1));

  const lines = [
    '',
    // Each node names itself in its banner: listed below with the others, not as the whole cluster's.
    nodes[0].banner.replace(/^ {2}This node: .*\n/m, ''),
    `  Nodes:                       ${NODES} relay nodes behind nginx (least connections, WebSocket only, no sticky sessions)`,
    ...nodes.map((n) => `    node ${n.n}:                    http://127.0.0.1:${n.port} (pid ${n.child.pid}), node id ${/This node: +(\S+)/.exec(n.banner)?.[1] ?? '?'}`),
    `    nginx:                     ${publicUrl} (pid ${nginx.child.pid})`,
    `    PostgreSQL:                127.0.0.1:${pg.port}, database tsunagari (pid ${pg.pid})`,
    `    Redis:                     ${redis.socket} (pid ${redis.child.pid})`,
    `    Temporary folder:          ${dir} (deleted on stop)`,
    '  Ctrl+C stops every process and deletes the temporary folder.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (err) {
  process.stderr.write(`\n${err.message}\n`);
  await stopAll(err.exitCode ?? 1);
}
