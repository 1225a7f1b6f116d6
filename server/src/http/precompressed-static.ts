import fs from 'node:fs';
import path from 'node:path';
import express, { type Response } from 'express';
import Negotiator from 'negotiator';

/** The files the build writes beside each script and stylesheet, best first. */
const VARIANTS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;
const PRECOMPRESSED = /\.(?:js|mjs|css)$/;
const SERVER_PREFERENCE = [...VARIANTS.map((v) => v.encoding), 'identity'];

/** A year, the longest a cache keeps anything: content-hashed names never change content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface StaticOptions {
  /** Paths (relative to the root, `/`-separated) whose names carry a hash of their content. */
  immutable: (relativePath: string) => boolean;
  /** Headers on every file served (the widget's CORS). */
  headers?: Readonly<Record<string, string>>;
  index?: string | false;
}

/**
 * `express.static` for a built app whose scripts and stylesheets also lie compressed beside
 * themselves (`x.js.br`, `x.js.gz`, written by `scripts/precompress.mjs` at build): each request
 * gets the variant its `Accept-Encoding` takes, brotli first, and `Vary: Accept-Encoding`.
 * Nothing is compressed per request. The bytes decode to exactly the built file, so the pages'
 * Subresource Integrity values (over the decoded bytes) hold.
 */
export function precompressedStatic(root: string, options: StaticOptions): express.Router {
  const headersFor = (res: Response, relativePath: string): void => {
    for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
    if (options.immutable(relativePath)) res.setHeader('Cache-Control', IMMUTABLE);
  };
  const router = express.Router();
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !PRECOMPRESSED.test(req.path)) return next();
    res.vary('Accept-Encoding');
    const relativePath = insideRoot(root, req.path);
    if (!relativePath) return next();
    const file = path.join(root, relativePath);
    const available = VARIANTS.filter((v) => fs.existsSync(file + v.suffix));
    if (available.length === 0) return next();
    const chosen = new Negotiator(req).encoding([...available.map((v) => v.encoding), 'identity'], { preferred: SERVER_PREFERENCE });
    const variant = available.find((v) => v.encoding === chosen);
    if (!variant) return next();
    headersFor(res, relativePath);
    res.setHeader('Content-Encoding', variant.encoding);
    res.type(path.extname(relativePath));
    // send keeps a Cache-Control and Content-Type already set; the ETag is the variant's own.
    res.sendFile(relativePath + variant.suffix, { root, dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  });
  router.use(
    express.static(root, {
      index: options.index ?? false,
      setHeaders: (res, file) => headersFor(res, path.relative(root, file).split(path.sep).join('/')),
    }),
  );
  return router;
}

/** The request's path relative to `root`, or null when it would leave it (or is not a path). */
function insideRoot(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return fs.existsSync(path.join(root, relative)) ? relative : null;
}
