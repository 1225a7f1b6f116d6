import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { precompressedStatic } from './precompressed-static.js';

/** Vite's content-hashed file names: `[name]-[hash].ext` with an 8-character hash. */
const HASHED = /-[\w-]{8}\.\w+$/;

/**
 * Serves the built widget and console, scripts and stylesheets precompressed. The widget's files
 * are loaded cross-origin by the NPO's page, so they carry CORS; its entry keeps one name across
 * builds (the embed snippet points at it) and is revalidated, its chunks are hashed and cached for
 * good. The console is same-origin only and falls back to its index.html.
 */
export function staticRoutes(widgetDist: string, consoleDist: string): express.Router {
  const router = express.Router();
  router.use(
    '/widget',
    precompressedStatic(widgetDist, {
      immutable: (file) => file.startsWith('chunks/') && HASHED.test(file),
      headers: { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
    }),
  );
  router.use('/console', precompressedStatic(consoleDist, { immutable: (file) => file.startsWith('assets/') && HASHED.test(file), index: 'index.html' }));
  router.get('/console/{*rest}', (_req, res) => {
    const index = path.join(consoleDist, 'index.html');
    if (!fs.existsSync(index)) return void res.status(404).type('text').send('console not built: run the build first');
    res.sendFile(index);
  });
  return router;
}
