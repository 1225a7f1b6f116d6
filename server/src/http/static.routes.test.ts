import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE } from './precompressed-static.js';
import { demoConsoleRoutes } from './demo.routes.js';
import { staticRoutes } from './static.routes.js';

/**
 * Precompressed scripts and stylesheets as a browser or a proxy meets them: a real server on
 * port 0 over built-looking folders, asked with the Accept-Encoding headers browsers send.
 */
const ENTRY = 'export const widget = "つながり";\n'.repeat(40);
const CHUNK = 'export const chunk = 1;\n'.repeat(60);
const STYLE = 'body { color: #222; }\n'.repeat(30);

let port = 0;
let server: http.Server;
let root: string;

function write(file: string, text: string, variants: ('br' | 'gz')[] = ['br', 'gz']): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  if (variants.includes('br')) fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
  if (variants.includes('gz')) fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
}

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Got> {
  return new Promise((resolve, reject) => {
    // The path goes out as written (a URL object would resolve `..` and `%2e%2e` first).
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the browser hands it to the page: decoded by its Content-Encoding. */
function decoded(got: Got): string {
  const enc = got.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(got.body).toString();
  if (enc === 'gzip') return zlib.gunzipSync(got.body).toString();
  return got.body.toString();
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-static-'));
  const widget = path.join(root, 'widget');
  const consoleDir = path.join(root, 'console');
  write(path.join(widget, 'tsunagari-chat.js'), ENTRY);
  write(path.join(widget, 'chunks', 'transport-UUoofYQ5.js'), CHUNK);
  write(path.join(widget, 'chunks', 'gzip-only-AbCd1234.js'), CHUNK, ['gz']);
  write(path.join(widget, 'chunks', 'tiny-Zz99yy88.js'), 'x', []);
  fs.writeFileSync(path.join(widget, 'integrity.json'), '{}');
  write(path.join(consoleDir, 'assets', 'index-CcJEk2X5.css'), STYLE);
  fs.writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
  const app = express();
  app.use(staticRoutes(widget));
  app.use(demoConsoleRoutes(consoleDir));
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(root, { recursive: true, force: true });
});

describe('precompressed scripts and stylesheets', () => {
  it('sends brotli to Chromium (which lists gzip first), with the type of the script and Vary', async () => {
    const got = await get('/widget/tsunagari-chat.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(got.status).toBe(200);
    expect(got.headers['content-encoding']).toBe('br');
    expect(got.headers['content-type']).toMatch(/^text\/javascript/);
    expect(got.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(got.headers['content-length'])).toBe(got.body.length);
    expect(got.body.length).toBeLessThan(Buffer.byteLength(ENTRY) / 4);
    expect(decoded(got)).toBe(ENTRY);
  });

  it('sends gzip when brotli is not accepted, and the plain file when nothing is', async () => {
    const gz = await get('/widget/tsunagari-chat.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decoded(gz)).toBe(ENTRY);
    const asks: Record<string, string>[] = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }];
    for (const headers of asks) {
      const plain = await get('/widget/tsunagari-chat.js', headers);
      expect(plain.headers['content-encoding'], JSON.stringify(headers)).toBeUndefined();
      expect(plain.headers.vary, JSON.stringify(headers)).toMatch(/Accept-Encoding/i);
      expect(plain.body.toString()).toBe(ENTRY);
    }
  });

  it('follows the client’s q-values, and brotli wins only a tie', async () => {
    expect((await get('/widget/tsunagari-chat.js', { 'accept-encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await get('/widget/tsunagari-chat.js', { 'accept-encoding': '*' })).headers['content-encoding']).toBe('br');
  });

  it('falls back to what the build wrote: gzip alone, or the plain file for a file too small to compress', async () => {
    const onlyGzip = await get('/widget/chunks/gzip-only-AbCd1234.js', { 'accept-encoding': 'br, gzip' });
    expect(onlyGzip.headers['content-encoding']).toBe('gzip');
    expect(decoded(onlyGzip)).toBe(CHUNK);
    const tiny = await get('/widget/chunks/tiny-Zz99yy88.js', { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('x');
  });

  it('caches hashed names for good, and has the fixed-name entry revalidated', async () => {
    for (const enc of ['br', 'identity']) {
      const chunk = await get('/widget/chunks/transport-UUoofYQ5.js', { 'accept-encoding': enc });
      expect(chunk.headers['cache-control'], enc).toBe(IMMUTABLE);
      const entry = await get('/widget/tsunagari-chat.js', { 'accept-encoding': enc });
      expect(entry.headers['cache-control'], enc).toBe('public, max-age=0');
    }
    const css = await get('/console/assets/index-CcJEk2X5.css', { 'accept-encoding': 'gzip, deflate, br' });
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toBe(IMMUTABLE);
    expect(decoded(css)).toBe(STYLE);
  });

  it('keeps the widget’s CORS on every variant, and a different ETag per encoding', async () => {
    const br = await get('/widget/tsunagari-chat.js', { 'accept-encoding': 'br' });
    const plain = await get('/widget/tsunagari-chat.js');
    for (const got of [br, plain]) {
      expect(got.headers['access-control-allow-origin']).toBe('*');
      expect(got.headers['cross-origin-resource-policy']).toBe('cross-origin');
    }
    expect(br.headers.etag).toBeTruthy();
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    const again = await get('/widget/tsunagari-chat.js', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag ?? '' });
    expect(again.status).toBe(304);
  });

  it('answers HEAD like GET without a body', async () => {
    const head = await get('/widget/tsunagari-chat.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });

  it('never serves from outside the build, and 404s what is not there', async () => {
    for (const outside of ['/widget/%2e%2e/console/assets/index-CcJEk2X5.css', '/widget/../console/assets/index-CcJEk2X5.css', '/widget/chunks/%2e%2e%2f%2e%2e%2fconsole/assets/index-CcJEk2X5.css']) {
      const got = await get(outside, { 'accept-encoding': 'br' });
      expect([403, 404], outside).toContain(got.status);
      expect(got.body.toString(), outside).not.toContain('color: #222');
    }
    expect((await get('/widget/chunks/missing-AAAAAAAA.js', { 'accept-encoding': 'br' })).status).toBe(404);
    // A variant whose plain file is gone is not served on its own.
    fs.rmSync(path.join(root, 'widget', 'chunks', 'transport-UUoofYQ5.js'));
    expect((await get('/widget/chunks/transport-UUoofYQ5.js', { 'accept-encoding': 'br' })).status).toBe(404);
  });

  it('leaves other files as they were: the console’s page and the widget’s integrity.json', async () => {
    const page = await get('/console/', { 'accept-encoding': 'br' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body.toString()).toContain('<title>console</title>');
    const integrity = await get('/widget/integrity.json', { 'accept-encoding': 'br' });
    expect(integrity.headers['content-encoding']).toBeUndefined();
    expect(integrity.headers['cache-control']).toBe('public, max-age=0');
  });
});
