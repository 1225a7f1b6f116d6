// `npm start`: set up, build, and run the server on an embedded SQLite file in demo mode.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';
import { ROOT, buildWorkspace, ensurePnpm, installDependencies, step } from './bootstrap.mjs';

try {
  const pnpm = ensurePnpm();
  installDependencies(pnpm);
  buildWorkspace(pnpm);
  step('Starting Tsunagari chat (Ctrl+C stops it)');
  // The server runs as this script's own child (what server's `start` script runs, without pnpm
  // and a shell in between): a SIGTERM sent to `npm start` by a process manager reaches it, and it
  // commits what is pending and closes. Through pnpm's shell it was left running, orphaned.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/main.js'], {
    cwd: path.join(ROOT, 'server'),
    stdio: 'inherit',
    env: { DEMO: '1', ...process.env },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} catch (err) {
  process.stderr.write(`\n${err.message}\n`);
  process.exit(err.exitCode ?? 1);
}
