import { API, CONSOLE_CONFIG_FILE, type ConsoleConfig } from '@tsunagari/shared';
import type { KdfFloor } from '@tsunagari/shared/crypto';
import express, { type Request, type Response } from 'express';
import type { StaffLifecycle } from '../domain/staff/lifecycle.js';
import type { OrganisationRepository } from '../repositories/types.js';

/** The demo's console config: the relay serves the console there, so it serves its config too. */
export interface DemoConsoleConfig {
  lockAfterMinutes: number;
  kdfFloor: KdfFloor;
}

/**
 * The published revocation list (any origin: the widget fetches it from the NPO's page), and in
 * the demo only, the console's config made from the relay's own database. In production the
 * console's config is a static file beside the console on the NPO's own origin, never the relay's.
 */
export function trustRoutes(deps: {
  staff: StaffLifecycle;
  organisation: OrganisationRepository;
  publicUrl: string | null;
  demoConsoleConfig: DemoConsoleConfig | null;
}): express.Router {
  const router = express.Router();
  router.get(API.revocations, async (_req: Request, res: Response) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ok: true, data: await deps.staff.revocations() });
  });
  const demo = deps.demoConsoleConfig;
  if (demo) {
    router.get(`/console/${CONSOLE_CONFIG_FILE}`, async (req: Request, res: Response) => {
      const org = await deps.organisation.get();
      res.setHeader('Cache-Control', 'no-store');
      if (!org) return void res.status(503).type('text').send('no organisation yet');
      const relayUrl = deps.publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
      const config: ConsoleConfig = {
        relayUrl,
        orgPublicKey: org.signPublicKey,
        lockAfterMinutes: demo.lockAfterMinutes,
        kdfFloor: demo.kdfFloor,
        // The demo relay serves the landing pages itself (`/c/<campaign>`).
        landingUrl: `${relayUrl}/c/{campaign}`,
      };
      res.json(config);
    });
  }
  return router;
}
