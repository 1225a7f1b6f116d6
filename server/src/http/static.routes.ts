import express from 'express';

/**
 * Serves the built widget. Its files are loaded cross-origin by the NPO's page (pinned there by
 * their integrity values), so they carry CORS. The console is not served here outside the demo
 * (demo.routes.ts): in production it comes from the NPO's own console origin.
 */
export function staticRoutes(widgetDist: string): express.Router {
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
  return router;
}
