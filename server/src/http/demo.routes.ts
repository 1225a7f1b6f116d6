import { campaignSchema } from '@tsunagari/shared';
import express, { type Request, type Response } from 'express';
import { consoleCsp } from '../../../console/csp.mjs';
import type { Repositories } from '../repositories/types.js';
import { DEMO_STYLE, demoHostPage } from './demo-page.js';
import { EXIT_CSP, exitPage, landingCsp, landingPage, widgetPageCsp } from './landing-page.js';
import { sendPageHeaders } from './page-headers.js';
import { precompressedStatic } from './precompressed-static.js';
import { HASHED } from './static.routes.js';
import { readWidgetIntegrity, widgetImportMap } from './widget-embed.js';

/** What the demo's pages need. */
export interface DemoRoutesDeps {
  repos: Repositories;
  widgetDist: string;
  consoleDist: string;
  /** Base URL for the pages' snippets; null means "the host the browser used". */
  publicUrl: string | null;
  /** Origins that may frame the landing page (TSUNAGARI_FRAME_ANCESTORS). */
  frameAncestors: readonly string[];
}

/**
 * What the relay serves only in the demo (`DEMO=1`): the NPO's stand-in page (`/demo/`), the QR
 * landing page (`/c/<campaign>`), the quick-exit page and the staff console. In production these
 * come from the NPO's own origins (`npm run landing`, the console bundle), because code the relay
 * serves is code a compromised relay could change.
 */
export function demoRoutes(deps: DemoRoutesDeps): express.Router {
  const router = express.Router();
  const pageContext = async (req: Request, res: Response) => {
    const org = await deps.repos.organisation.get();
    if (!org) {
      res.status(503).type('text').send('no organisation yet: run the admin tool or start in demo mode');
      return null;
    }
    // Pages must not linger in caches or the back/forward cache of a shared device.
    res.setHeader('Cache-Control', 'no-store');
    return { base: deps.publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`, orgKey: org.signPublicKey };
  };
  router.get(['/demo', '/demo/'], async (req, res) => {
    const ctx = await pageContext(req, res);
    if (!ctx) return;
    const integrity = readWidgetIntegrity(deps.widgetDist);
    sendPageHeaders(res, widgetPageCsp(ctx.base, widgetImportMap(ctx.base, integrity), DEMO_STYLE), deps);
    res.type('html').send(demoHostPage(ctx.base, ctx.orgKey, integrity));
  });
  // The QR landing page: /c/<campaign>; the campaign code (only that) is recorded for statistics.
  router.get('/c/:campaign', async (req, res) => {
    const campaign = campaignSchema.safeParse(req.params.campaign);
    if (!campaign.success) return void res.status(404).type('text').send('not found');
    const lang = req.query.lang === 'en' || req.query.lang === 'ja-easy' ? req.query.lang : 'ja';
    const ctx = await pageContext(req, res);
    if (!ctx) return;
    const integrity = readWidgetIntegrity(deps.widgetDist);
    sendPageHeaders(res, landingCsp(ctx.base, widgetImportMap(ctx.base, integrity)), { ...deps, landing: true });
    res.type('html').send(landingPage({ serverUrl: ctx.base, orgPublicKey: ctx.orgKey, campaign: campaign.data, lang, integrity, exitUrl: '/exit' }));
  });
  router.get('/exit', (_req, res) => {
    sendPageHeaders(res, EXIT_CSP, deps);
    res.type('html').send(exitPage());
  });
  router.get('/', (_req, res) => res.redirect('/demo/'));
  router.use(demoConsoleRoutes(deps.consoleDist));
  return router;
}

/**
 * The console's built files under /console/ (demo only), with the policy its own host sends
 * (the relay is this origin here) and the scripts precompressed.
 */
export function demoConsoleRoutes(consoleDist: string): express.Router {
  const router = express.Router();
  const policy = consoleCsp();
  router.use('/console', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', policy);
    next();
  });
  router.use('/console', precompressedStatic(consoleDist, { immutable: (file) => file.startsWith('assets/') && HASHED.test(file), index: 'index.html' }));
  return router;
}
