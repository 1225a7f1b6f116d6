#!/usr/bin/env node
/**
 * `npm run size`: built sizes of the widget (raw and gzip). "Initial" is the entry script and
 * every chunk it imports statically (what a host page loads before she opens the chat);
 * "after opening" is every other chunk (socket, crypto, chat elements, other languages).
 * Budgets: initial ≤ 20 KB gzip, everything ≤ 190 KB gzip (KB = 1024 bytes). Exits 1 when over.
 * Build first: `pnpm --filter @tsunagari/widget build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'widget', 'dist');
const entry = 'tsunagari-chat.js';
if (!fs.existsSync(path.join(dist, entry))) {
  console.error('widget/dist is missing: run `pnpm --filter @tsunagari/widget build` first');
  process.exit(2);
}

const files = [entry, ...fs.readdirSync(path.join(dist, 'chunks')).map((f) => `chunks/${f}`)];
const sizes = new Map(
  files.map((f) => {
    const buf = fs.readFileSync(path.join(dist, f));
    return [f, { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length, text: buf.toString('utf8') }];
  }),
);

/** Static imports only (`import … from "./x.js"` / `import "./x.js"`), not `import("./x.js")`. */
function staticImports(file) {
  const text = sizes.get(file).text;
  const out = [];
  for (const m of text.matchAll(/\b(?:import|export)(?!\s*\()\s*(?:[\w$*{}\s,]*?from\s*)?["']([^"']+)["']/g)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]));
    if (sizes.has(target)) out.push(target);
  }
  return out;
}

const initial = new Set();
const queue = [entry];
while (queue.length) {
  const f = queue.pop();
  if (initial.has(f)) continue;
  initial.add(f);
  queue.push(...staticImports(f));
}
const later = files.filter((f) => !initial.has(f));

const kb = (n) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
const sum = (list, k) => list.reduce((a, f) => a + sizes.get(f)[k], 0);
const row = (name, raw, gzip) => console.log(`${name.padEnd(48)} ${kb(raw)} raw ${kb(gzip)} gzip`);

console.log('Initial script (loads with the host page):');
for (const f of initial) row(`  ${f}`, sizes.get(f).raw, sizes.get(f).gzip);
row('  = initial', sum([...initial], 'raw'), sum([...initial], 'gzip'));
console.log('Loaded after she opens the chat:');
for (const f of later) row(`  ${f}`, sizes.get(f).raw, sizes.get(f).gzip);
row('  = after opening', sum(later, 'raw'), sum(later, 'gzip'));
row('All files', sum(files, 'raw'), sum(files, 'gzip'));

// One session loads one language's chunk, not all three: the budget is for what she loads.
const langChunks = { ja: /\/ja-full-/, 'ja-easy': /\/ja-easy-/, en: /\/en-/ };
let worst = { lang: '', raw: 0, gzip: 0 };
for (const [lang, re] of Object.entries(langChunks)) {
  const others = Object.entries(langChunks).filter(([l]) => l !== lang).map(([, r]) => r);
  const loads = files.filter((f) => !others.some((r) => r.test(f)));
  const cur = { lang, raw: sum(loads, 'raw'), gzip: sum(loads, 'gzip') };
  if (cur.gzip > worst.gzip) worst = cur;
}
row(`Everything one session loads (worst: ${worst.lang})`, worst.raw, worst.gzip);

const initialGzip = sum([...initial], 'gzip');
const allGzip = worst.gzip;
const over = [];
if (initialGzip > 20 * 1024) over.push(`initial ${kb(initialGzip)} > 20 KB`);
if (allGzip > 190 * 1024) over.push(`everything ${kb(allGzip)} > 190 KB`);
console.log(over.length ? `OVER BUDGET: ${over.join('; ')}` : 'Within budget: initial ≤ 20 KB gzip, everything ≤ 190 KB gzip.');
process.exit(over.length ? 1 : 0);
