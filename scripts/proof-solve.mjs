// `npm run proof-solve`: how long her widget takes to solve the start's proof of work (ALTCHA,
// SHA-256) in Chromium, at the ordinary counter and at a flood's (×10), with the widget's own
// derivation (widget/src/consultation/proof-hash.ts: each try hashed in the page) beside altcha-lib's
// WebCrypto one (a `crypto.subtle.digest` round trip a try), in one page, two rounds each. Prints
// figures; asserts nothing (the answers' equality is proof-hash.test.ts's).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright';
import { ROOT } from './bootstrap.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const widget = path.join(ROOT, 'widget');
const { build } = await import(createRequire(path.join(widget, 'package.json')).resolve('vite'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-proof-solve-'));
// Inside the widget's node_modules (ignored by git and tsc), so that its imports resolve as the widget's do.
const entryDir = path.join(widget, 'node_modules', '.proof-solve');
fs.mkdirSync(entryDir, { recursive: true });
const entry = path.join(entryDir, 'entry.ts');
fs.writeFileSync(entry, `import { createChallenge, solveChallenge } from 'altcha-lib';
import { deriveKey as webCrypto } from 'altcha-lib/algorithms/web/sha';
import { deriveKey as inPage } from '../../src/consultation/proof-hash.js';
(globalThis as any).solveRound = async (counter: number) => {
  const challenge = await createChallenge({ algorithm: 'SHA-256', cost: 1, counter, deriveKey: webCrypto, hmacSignatureSecret: 'x'.repeat(40) });
  const out: Record<string, number> = {};
  for (const [name, deriveKey] of [['webCrypto', webCrypto], ['inPage', inPage]] as const) {
    const t = performance.now();
    const solved = await solveChallenge({ challenge, deriveKey });
    if (solved?.counter !== counter) throw new Error(name + ' found no answer');
    out[name] = Math.round(performance.now() - t);
  }
  return out;
};
`);
const server = http.createServer((req, res) => {
  if (req.url === '/solve.js') return res.end(fs.readFileSync(path.join(dir, 'solve.js')));
  res.setHeader('content-type', 'text/html');
  res.end('<!doctype html><title>proof</title><script src="/solve.js"></script>');
});
try {
  await build({ root: widget, logLevel: 'silent', configFile: false, build: { outDir: dir, emptyOutDir: false, lib: { entry, formats: ['iife'], name: 'proofSolve', fileName: () => 'solve.js' } } });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    // A secure context (http on 127.0.0.1), as WebCrypto asks.
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    console.log('Her proof of work in Chromium (ms to solve; SHA-256, cost 1):');
    for (const [label, counter] of [['ordinary start (counter 7,500)', 7_500], ['under a flood (counter 75,000)', 75_000]]) {
      const rounds = [];
      for (let i = 0; i < 2; i++) rounds.push(await page.evaluate((n) => globalThis.solveRound(n), counter));
      console.log(`  ${label.padEnd(32)} in the page ${rounds.map((r) => r.inPage).join(' / ')}   WebCrypto ${rounds.map((r) => r.webCrypto).join(' / ')}`);
    }
  } finally {
    await browser.close();
  }
} finally {
  server.close();
  fs.rmSync(entryDir, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
}
