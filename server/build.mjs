// Compiles the server to plain JavaScript in dist/ (what `npm start` and the benchmark run).
// Running the TypeScript through a loader in production wrapped every function made at run time
// in a name-keeping helper: each closure got a property array, so every message left more garbage.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const outdir = path.join(root, 'dist');

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/main.ts', admin: 'src/cli/admin.ts', 'bench-server': 'bench/server-entry.ts', 'bench-baseline': 'bench/baseline-server.ts', 'bench-load': 'bench/load.ts', 'bench-load-side': 'bench/load-side.ts', 'bench-attack': 'bench/attack-load.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // The server's own dependencies load from node_modules as usual; the workspace's shared
  // TypeScript (and what only it depends on) is compiled in.
  external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter((d) => !d.startsWith('@tsunagari/')),
  logLevel: 'warning',
});
// The checkpoint, login-verification and heartbeat workers are loaded by URL next to the code that starts them.
fs.copyFileSync(path.join(root, 'src/db/checkpoint-worker.mjs'), path.join(outdir, 'checkpoint-worker.mjs'));
fs.copyFileSync(path.join(root, 'src/domain/staff/verify-worker.mjs'), path.join(outdir, 'verify-worker.mjs'));
fs.copyFileSync(path.join(root, 'src/redis/heartbeat-worker.mjs'), path.join(outdir, 'heartbeat-worker.mjs'));
process.stdout.write(`server built to ${path.relative(process.cwd(), outdir) || 'dist'}\n`);
