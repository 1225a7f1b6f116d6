import express from 'express';
import { precompressedStatic } from './precompressed-static.js';

/** Vite's content-hashed file names: `[name]-[hash].ext` with an 8-character hash. */
export const HASHED = /-[\w-]{8}\.\w+$/;

/**
 * Serves the built widget, scripts precompressed. Its files are loaded cross-origin by the NPO's
 * page (pinned there by their integrity values), so they carry CORS; its entry keeps one name
 * across builds (the embed snippet points at it) and is revalidated, its chunks are hashed and
 * cached for good. The console is not served here outside the demo (demo.routes.ts): in
 * production it comes from the NPO's own console origin.
 */
export function staticRoutes(widgetDist: string): express.Router {
  const router = express.Router();
  router.use(
    '/widget',
    precompressedStatic(widgetDist, {
      immutable: (file) => file.startsWith('chunks/') && HASHED.test(file),
      headers: { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
    }),
  );
  return router;
}
