// `npm run bench [-- --json | --hold 10000 | --attack | --clients N …]`: set up, then run server/bench/run.ts
// (a `--` that pnpm passes on is dropped: parseArgs would take what follows it for positionals).
import { ensurePnpm, installDependencies, run } from './bootstrap.mjs';

try {
  const pnpm = ensurePnpm();
  installDependencies(pnpm);
  run(pnpm, ['--filter', '@tsunagari/server', 'exec', 'tsx', 'bench/run.ts', ...process.argv.slice(2).filter((a) => a !== '--')]);
} catch (err) {
  process.stderr.write(`\n${err.message}\n`);
  process.exit(err.exitCode ?? 1);
}
