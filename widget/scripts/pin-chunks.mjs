// Pins every widget chunk inside the entry script (issue 15). Runs after `vite build`, before
// integrity.mjs. Browsers without import-map "integrity" (older phones, WebViews) check only the
// entry's SRI, so a relay could swap a chunk — session-crypto among them. After this step the
// entry, `tsunagari-chat.js`, is a small loader that knows the SHA-384 of every chunk and loads
// each one as fetch → digest → import() of a blob: URL; a chunk whose bytes differ is never run
// (the loader rejects with a `TsunagariIntegrityError`, which the widget shows as 'unsafe').
//
// What Vite built as the entry becomes `chunks/main-<hash>.js`, loaded by the loader at once.
// Chunks cannot import each other by relative URL from a blob: URL, so their import specifiers
// are rewritten here into placeholders (`"@pin/chunks/x.js"`; `import(…)` into a call to the
// loader, which a chunk reaches by importing the entry itself) and the loader swaps in the
// blob: URLs of the verified chunks at run time. `import.meta.url` becomes the entry's URL (the
// widget finds its relay from it). The digests are of the rewritten files, the bytes the relay
// serves. The host page's CSP must allow `blob:` in script-src (README, "The NPO's page").
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ENTRY = 'tsunagari-chat.js';
/** The name the loader is bound to inside a rewritten chunk (never a minifier's name). */
const PIN = '__tsunagariPin';
const SELF = '"@pin/self"';

/** `spec` (relative, as written in `from`) resolved against `from`'s folder, as a dist path. */
function resolve(from, spec) {
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
}

/**
 * Rewrites one built script (`file`, its dist path) for loading from a blob: URL; `rename` maps a
 * dist path to its final one (the old entry becomes main). Returns the text and its static imports.
 * Throws if a relative import or `import.meta` is left that it did not understand.
 */
export function rewriteChunk(file, text, rename = (f) => f) {
  const imports = new Set();
  let usesPin = false;
  let out = text.replace(/(\bfrom|\bimport)\s*(["'`])(\.{1,2}\/[^"'`]+\.js)\2/g, (_m, kw, _q, spec) => {
    const target = rename(resolve(file, spec));
    imports.add(target);
    return `${kw}"@pin/${target}"`;
  });
  out = out.replace(/\bimport\(\s*(["'`])(\.{1,2}\/[^"'`]+\.js)\1\s*\)/g, (_m, _q, spec) => {
    usesPin = true;
    return `${PIN}.load(${JSON.stringify(rename(resolve(file, spec)))})`;
  });
  out = out.replace(/\bimport\.meta\.url\b/g, () => {
    usesPin = true;
    return `${PIN}.entry`;
  });
  if (/\bimport\.meta\b/.test(out) || /\bimport\(\s*[^"'`\s)]/.test(out) || /(["'`])\.{1,2}\/[^"'`]*\.js\1/.test(out)) {
    throw new Error(`${file}: an import or import.meta the chunk pinning does not understand`);
  }
  if (usesPin) out = `import*as ${PIN} from${SELF};${out}`;
  return { text: out, imports: [...imports] };
}

/** Fails on a cycle of static imports: those chunks could never be loaded one after another. */
export function assertNoCycles(graph) {
  const state = new Map();
  const visit = (f, trail) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') throw new Error(`static import cycle: ${[...trail, f].join(' → ')}`);
    state.set(f, 'open');
    for (const d of graph[f] ?? []) visit(d, [...trail, f]);
    state.set(f, 'done');
  };
  for (const f of Object.keys(graph)) visit(f, []);
}

export const sha384 = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;

/**
 * The loader that becomes `tsunagari-chat.js`: `pins` maps each chunk to its SHA-384 and its static
 * imports; `main` is loaded at once. Plain JavaScript of the widget's target (ES2022).
 */
export function loaderSource(pins, main) {
  // Minified by hand (every byte of the entry counts on her phone); the error's name is the one
  // the widget looks for (src/code-integrity.ts).
  return `// tsunagari-chat: each chunk runs only if its SHA-384 is the build's (widget/scripts/pin-chunks.mjs)
const P=${JSON.stringify(pins)};export const entry=import.meta.url;const B=new URL("./",entry).href,C={};
class E extends Error{constructor(f){super(f+" differs from the build; not run");this.name="TsunagariIntegrityError"}}
const h=async b=>{let s="";for(const x of new Uint8Array(await crypto.subtle.digest("SHA-384",b)))s+=String.fromCharCode(x);return"sha384-"+btoa(s)};
const u=f=>C[f]??=(async()=>{const p=P[f];if(!p||!globalThis.crypto?.subtle)throw new E(f);
const[r,d]=await Promise.all([fetch(B+f,{credentials:"omit"}),Promise.all(p[1].map(u))]);if(!r.ok)throw Error(f+": HTTP "+r.status);
const b=await r.arrayBuffer();if(await h(b)!==p[0])throw new E(f);let t=new TextDecoder().decode(b).replaceAll(${JSON.stringify(SELF)},JSON.stringify(entry));
p[1].forEach((x,i)=>{t=t.replaceAll('"@pin/'+x+'"',JSON.stringify(d[i]))});return URL.createObjectURL(new Blob([t],{type:"text/javascript"}))})().catch(e=>{if(e.name!=="TsunagariIntegrityError")delete C[f];throw e});
export const load=f=>u(f).then(x=>import(x));load(${JSON.stringify(main)});
`;
}

/** Rewrites `dist` in place: every chunk rewritten and pinned, the entry replaced by the loader. */
export function pinChunks(dist) {
  const chunks = fs
    .readdirSync(path.join(dist, 'chunks'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `chunks/${f}`);
  const entryText = fs.readFileSync(path.join(dist, ENTRY), 'utf8');
  const main = `chunks/main-${crypto.createHash('sha256').update(entryText).digest('base64url').slice(0, 8)}.js`;
  const rename = (f) => (f === ENTRY ? main : f);
  const pins = {};
  const graph = {};
  for (const [from, to] of [[ENTRY, main], ...chunks.map((c) => [c, c])]) {
    const { text, imports } = rewriteChunk(from, fs.readFileSync(path.join(dist, from), 'utf8'), rename);
    fs.writeFileSync(path.join(dist, to), text);
    graph[to] = imports;
    pins[to] = [sha384(Buffer.from(text)), imports];
  }
  assertNoCycles(graph);
  fs.writeFileSync(path.join(dist, ENTRY), loaderSource(pins, main));
  return { main, pins };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const { main, pins } = pinChunks(dist);
  console.log(`pin-chunks: ${Object.keys(pins).length} chunks pinned by SHA-384 in ${ENTRY}; the entry's code is ${main}`);
}
