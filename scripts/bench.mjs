// `npm run bench [-- --json | --hold 10000 | --clients N …]`: set up, then run server/bench/run.ts.
import { ensurePnpm, installDependencies, run } from './bootstrap.mjs';

try {
  const pnpm = ensurePnpm();
  installDependencies(pnpm);
  run(pnpm, ['--filter', '@tsunagari/server', 'exec', 'tsx', 'bench/run.ts', ...process.argv.slice(2)]);
} catch (err) {
  process.stderr.write(`\n${err.message}\n`);
  process.exit(err.exitCode ?? 1);
}
