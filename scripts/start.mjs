// `npm start`: set up, build, and run the server on an embedded SQLite file in demo mode.
import { spawn } from 'node:child_process';
import { ROOT, buildWorkspace, ensurePnpm, installDependencies, step } from './bootstrap.mjs';

try {
  const pnpm = ensurePnpm();
  installDependencies(pnpm);
  buildWorkspace(pnpm);
  step('Starting Tsunagari chat (Ctrl+C stops it)');
  const child = spawn(pnpm, ['--filter', '@tsunagari/server', 'start'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { DEMO: '1', ...process.env },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} catch (err) {
  process.stderr.write(`\n${err.message}\n`);
  process.exit(err.exitCode ?? 1);
}
