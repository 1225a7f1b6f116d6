import { defineConfig, type Plugin } from 'vite';

/**
 * Minifies the CSS inside Lit's css`` templates (comments, indentation, spaces around braces
 * and semicolons): the minifier leaves template literals alone, and every byte of the entry
 * script counts on her phone.
 */
function minifyLitCss(): Plugin {
  return {
    name: 'tsunagari-minify-lit-css',
    transform(code, id) {
      if (!id.endsWith('.ts') || !code.includes('css`')) return null;
      const out = code.replace(/css`([^`]*)`/g, (_m, body: string) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};])\s*/g, '$1')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${min}\``;
      });
      return { code: out, map: null };
    },
  };
}

/**
 * Collapses the indentation inside Lit's html`` templates (a line break and the spaces around it
 * become one space, which HTML renders the same). Walks the source so that `${…}` expressions,
 * nested templates and strings inside them are left exactly as written. No template in the
 * widget has a <pre> or text-area content where line breaks would matter.
 */
export function collapseHtmlTemplates(code: string): string {
  let out = '';
  let i = 0;
  const literal = (start: number): number => {
    // code[start] is the opening backtick; copy the template, collapsing only its text parts.
    out += '`';
    let j = start + 1;
    let text = '';
    const flush = () => {
      out += text.replace(/\s*\n\s*/g, ' ');
      text = '';
    };
    while (j < code.length) {
      const c = code[j];
      if (c === '\\') {
        text += c + code[j + 1];
        j += 2;
      } else if (c === '`') {
        flush();
        out += '`';
        return j + 1;
      } else if (c === '$' && code[j + 1] === '{') {
        flush();
        out += '${';
        j = expression(j + 2);
      } else {
        text += c;
        j++;
      }
    }
    flush();
    return j;
  };
  const expression = (start: number): number => {
    // Copies a `${…}` expression up to its closing brace; nested html`` templates are collapsed too.
    let depth = 1;
    let j = start;
    while (j < code.length && depth > 0) {
      const c = code[j];
      if (c === '`') {
        j = code.slice(Math.max(0, j - 4), j) === 'html' ? literal(j) : plain(j);
        continue;
      }
      if (c === "'" || c === '"') {
        const end = stringEnd(j);
        out += code.slice(j, end);
        j = end;
        continue;
      }
      if (c === '{') depth++;
      if (c === '}') depth--;
      out += c;
      j++;
    }
    return j;
  };
  const plain = (start: number): number => {
    // A template that is not html``: copied as is (its expressions may hold html`` ones).
    out += '`';
    let j = start + 1;
    while (j < code.length) {
      const c = code[j];
      if (c === '\\') {
        out += c + code[j + 1];
        j += 2;
      } else if (c === '`') {
        out += '`';
        return j + 1;
      } else if (c === '$' && code[j + 1] === '{') {
        out += '${';
        j = expression(j + 2);
      } else {
        out += c;
        j++;
      }
    }
    return j;
  };
  const stringEnd = (start: number): number => {
    let j = start + 1;
    while (j < code.length && code[j] !== code[start]) j += code[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  while (i < code.length) {
    const at = code.indexOf('html`', i);
    if (at < 0) break;
    out += code.slice(i, at + 4);
    i = literal(at + 4);
  }
  return out + code.slice(i);
}

function minifyLitHtml(): Plugin {
  return {
    name: 'tsunagari-minify-lit-html',
    transform(code, id) {
      if (!id.endsWith('.ts') || id.includes('node_modules') || !code.includes('html`')) return null;
      return { code: collapseHtmlTemplates(code), map: null };
    },
  };
}

/**
 * The widget connects over WebSocket only (`transports: ['websocket']` in `transport.ts`), but
 * engine.io-client's transport table imports long-polling (XHR) and WebTransport as well, and its
 * socket reads the table by name, so they cannot be tree-shaken. Its table is replaced here with
 * one that holds the WebSocket transport only.
 */
export const WEBSOCKET_ONLY_TRANSPORTS = 'import{WS}from"./websocket.js";export const transports={websocket:WS};';
/**
 * The long-polling transports stay in the bundle even so: the package's index re-exports them and
 * polling-xhr.js runs code when it loads (a probe request object, an unload listener), so it is
 * never tree-shaken. Nothing reaches them once the table above holds WebSocket only, so their
 * modules are replaced by empty classes (~0.8 KB gzip of her session).
 */
export const UNUSED_TRANSPORT_STUBS: Record<string, string> = {
  'polling.js': 'export class Polling{}',
  'polling-xhr.js': 'export class BaseXHR{}export class Request{}export class XHR{}',
  'polling-fetch.js': 'export class Fetch{}',
  'webtransport.js': 'export class WT{}',
};
function websocketOnly(): Plugin {
  return {
    name: 'tsunagari-websocket-only',
    load(id) {
      const m = /[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]([\w-]+\.js)$/.exec(id);
      if (!m?.[1]) return null;
      if (m[1] === 'index.js') return WEBSOCKET_ONLY_TRANSPORTS;
      return UNUSED_TRANSPORT_STUBS[m[1]] ?? null;
    },
  };
}

/**
 * libsodium embeds its WebAssembly as one base64 string (≈ 296 KB) that it decodes at start-up.
 * base64's 6-bit letters cut across the binary's bytes, so gzip and brotli find few repeats in
 * it: 130 KB gzip. The same bytes as hex (4 bits a letter, byte-aligned) compress to 112 KB gzip
 * (brotli 107 → 84 KB), about a tenth of everything a session loads. The string is re-encoded
 * here and libsodium's decoder call swapped for a hex one; the bytes it instantiates are the same
 * (`hex-wasm.test.ts` checks it against the package file). The build fails if the decoder is not
 * found as expected, so a new libsodium version is looked at again rather than shipped blind.
 */
export function wasmAsHex(code: string): string {
  const decoder = /\(\w=>\{for\(var [^{}]*?return \w\}\)\("([A-Za-z0-9+/]{100000,}={0,2})"\)/g;
  const found = [...code.matchAll(decoder)];
  if (found.length !== 1 || !found[0]?.[1]) throw new Error(`libsodium.mjs: expected one embedded base64 WebAssembly with its decoder, found ${found.length}`);
  const hex = Buffer.from(found[0][1], 'base64').toString('hex');
  const hexDecoder = `(h=>{for(var b=new Uint8Array(h.length/2),i=0,d=j=>(j=h.charCodeAt(j))>96?j-87:j-48;i<b.length;i++)b[i]=d(2*i)<<4|d(2*i+1);return b})("${hex}")`;
  return code.slice(0, found[0].index) + hexDecoder + code.slice(found[0].index + found[0][0].length);
}
function libsodiumWasmAsHex(): Plugin {
  return {
    name: 'tsunagari-libsodium-wasm-hex',
    transform(code, id) {
      return /[\\/]libsodium[\\/]dist[\\/]modules-esm[\\/]libsodium\.mjs$/.test(id) ? { code: wasmAsHex(code), map: null } : null;
    },
  };
}

/**
 * Library build: one fixed entry file, `tsunagari-chat.js`, that the NPO's embed snippet loads
 * (it carries an SRI hash of it), plus content-hashed chunks for socket.io-client and
 * libsodium that the entry imports only once she opens the chat.
 */
export default defineConfig({
  plugins: [minifyLitCss(), minifyLitHtml(), websocketOnly(), libsodiumWasmAsHex()],
  // Lit decorators: Vite's oxc transform picks up `experimentalDecorators` and
  // `useDefineForClassFields: false` from tsconfig.json (Chromium cannot parse the TC39
  // `accessor` form that would otherwise be left in place).
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'tsunagari-chat.js',
    },
    rolldownOptions: {
      // Lets the bundler keep what the entry and the lazy chunks share (Lit, the screens' common
      // styles and parts, protocol/http, the ja launcher text) in the entry, which the lazy
      // chunks then import, rather than in common chunks of their own ('dismiss-event', 'http',
      // 'ja': a common chunk is named after one of its modules). One file compresses better than
      // four: ~0.9 KB gzip of what loads before she opens it. The entry's extra exports are
      // never seen by the host page, which loads the pinning loader (scripts/pin-chunks.mjs).
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
