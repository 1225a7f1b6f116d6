// After `vite build`: pins every file of the console bundle in dist/index.html, so the bundle can
// be hosted on a static origin of the NPO's own and a browser runs nothing but this build.
// - The entry script and the stylesheet get `integrity` (SHA-512) and `crossorigin`.
// - Every other script (the chunks loaded later, libsodium-sumo at login among them) gets a
//   `<link rel="modulepreload" integrity>` in the head. A module is fetched once per document:
//   the later dynamic `import()` takes the preloaded, checked module, and a chunk that does not
//   match is refused (the import fails) in every browser that knows modulepreload — not only
//   those that check an import map's integrity table. And no inline script is needed, so the
//   policy stays `script-src 'self'` without a per-build hash in the web server's configuration.
// - Chunks named lazy-* (the charts, uPlot inside) are NOT preloaded, so the first load does not
//   fetch them: they get a `<link rel="tsg-lazy-module" href integrity>` instead, which no browser
//   fetches, and the console preloads them with that integrity just before importing them
//   (src/charts/load-charts.ts), so they are checked like every other chunk.
// - The Content-Security-Policy meta tag (relay = this origin until `npm run console-config`
//   names the relay).
// Writes dist/integrity.json (file → SRI value) for tests and people to compare against.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleCspMeta } from '../csp.mjs';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const sri = (file) => `sha512-${crypto.createHash('sha512').update(fs.readFileSync(path.join(dist, file))).digest('base64')}`;
const files = fs
  .readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .map((f) => f.split(path.sep).join('/'))
  .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
  .sort();
const integrity = Object.fromEntries(files.map((f) => [f, sri(f)]));

const indexFile = path.join(dist, 'index.html');
let html = fs.readFileSync(indexFile, 'utf8');
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('index.html has an inline script: the policy allows none');
const pinned = new Set();
const pin = (tag, attr) =>
  tag.replace(new RegExp(`\\s${attr}="\\./([^"]+)"`), (whole, file) => {
    const value = integrity[file];
    if (!value) throw new Error(`index.html names ${file}, which the build did not make`);
    pinned.add(file);
    return `${whole} integrity="${value}"`;
  });
html = html.replace(/<script type="module"[^>]*><\/script>/g, (tag) => pin(tag, 'src'));
html = html.replace(/<link rel="(?:stylesheet|modulepreload)"[^>]*>/g, (tag) => pin(tag, 'href'));
const lazy = (f) => /(^|\/)lazy-[^/]*\.js$/.test(f);
const preloads = files
  .filter((f) => f.endsWith('.js') && !pinned.has(f))
  .map((f) => `    <link rel="${lazy(f) ? 'tsg-lazy-module' : 'modulepreload'}" crossorigin href="./${f}" integrity="${integrity[f]}">`);
const unpinned = files.filter((f) => f.endsWith('.css') && !pinned.has(f));
if (unpinned.length > 0) throw new Error(`stylesheets not linked from index.html: ${unpinned.join(', ')}`);
html = html.replace(/\n(\s*)<\/head>/, (_m, indent) => `\n${preloads.join('\n')}\n${indent}</head>`);
// The policy comes first in the head: it governs only what follows it.
html = html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    ${consoleCspMeta()}`);
if (!html.includes('Content-Security-Policy')) throw new Error('index.html has no <meta charset> to put the policy after');
fs.writeFileSync(indexFile, html);
fs.writeFileSync(path.join(dist, 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);
const lazyCount = files.filter(lazy).length;
console.log(`console bundle pinned: ${files.length} files (${preloads.length - lazyCount} preloaded with integrity, ${lazyCount} loaded later with integrity)`);
