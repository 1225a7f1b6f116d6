import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

/**
 * Serves the built widget and console. The widget's files are loaded cross-origin by the NPO's
 * page, so they carry CORS; the console is same-origin only and falls back to its index.html.
 */
export function staticRoutes(widgetDist: string, consoleDist: string): express.Router {
  const router = express.Router();
  router.use(
    '/widget',
    express.static(widgetDist, {
      index: false,
      setHeaders: (res) => {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      },
    }),
  );
  router.use('/console', express.static(consoleDist, { index: 'index.html' }));
  router.get('/console/{*rest}', (_req, res) => {
    const index = path.join(consoleDist, 'index.html');
    if (!fs.existsSync(index)) return void res.status(404).type('text').send('console not built: run the build first');
    res.sendFile(index);
  });
  return router;
}
