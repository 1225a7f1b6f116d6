#!/usr/bin/env node
/**
 * `node scripts/precompress.mjs DIR…`: writes `x.br` (brotli, quality 11) and `x.gz` (gzip -9)
 * beside every script and stylesheet under each DIR, once at build, so the server sends them
 * compressed without compressing anything per request (server/src/http/precompressed-static.ts).
 * A variant that would not be smaller than the file is not written. The variants decode to the
 * very bytes of the file, so Subresource Integrity values (over decoded bytes) stay valid.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(?:js|mjs|css)$/;

/** Compresses one file both ways (zlib runs on libuv's thread pool, so files go in parallel). */
async function precompress(file) {
  const bytes = await fs.readFile(file);
  const variants = await Promise.all([
    brotli(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).then((b) => ['.br', b]),
    gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }).then((b) => ['.gz', b]),
  ]);
  for (const [suffix, compressed] of variants) {
    if (compressed.length < bytes.length) await fs.writeFile(file + suffix, compressed);
    else await fs.rm(file + suffix, { force: true });
  }
  return { file, raw: bytes.length, br: variants[0][1].length, gzip: variants[1][1].length };
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: precompress.mjs DIR…');
  process.exit(2);
}
const files = [];
for (const dir of dirs) {
  for (const entry of await fs.readdir(dir, { recursive: true })) {
    if (COMPRESSIBLE.test(entry)) files.push(path.join(dir, entry));
  }
}
const done = await Promise.all(files.map(precompress));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sum = (k) => done.reduce((a, d) => a + d[k], 0);
console.log(`precompressed ${done.length} files: ${kb(sum('raw'))} → brotli ${kb(sum('br'))}, gzip ${kb(sum('gzip'))}`);
