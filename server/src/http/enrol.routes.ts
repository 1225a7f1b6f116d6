import { API, enrolInfoRequestSchema, enrolRequestSchema } from '@tsunagari/shared';
import express, { type Request, type Response } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { StaffLifecycle } from '../domain/staff/lifecycle.js';
import { DomainError } from '../errors.js';
import type { CallerKeys } from './client-key.js';
import { type StaffHttp, consoleOriginOnly, fail } from './staff-http.js';

export interface EnrolRouteDeps extends StaffHttp {
  staff: StaffLifecycle;
  callers: CallerKeys;
}

/**
 * Enrolment from her browser, for the console's origin only: who the invitation is for, then her
 * public keys, wrapped secret keys, KDF parameters and login value. A token is 256 random bits,
 * so guessing is hopeless; refused tokens are still limited per (hashed, daily-salted) caller so
 * nobody can make the relay hash tokens all day.
 */
export function enrolRoutes(deps: EnrolRouteDeps): express.Router {
  const { staff, log } = deps;
  const router = express.Router();
  const refusals = new RateLimiterMemory({ keyPrefix: 'enrol', points: 20, duration: 15 * 60 });

  /** Runs a step unless this caller spent its budget; an INVITE_INVALID spends a point. */
  const limited = async <T>(req: Request, step: () => Promise<T>): Promise<T> => {
    const caller = deps.callers.of(req);
    const spent = await refusals.get(caller);
    if (spent && spent.remainingPoints <= 0) throw new DomainError('RATE_LIMITED');
    try {
      // Awaited here, so a refused token is caught (and counted) below.
      return await step();
    } catch (caught) {
      if (caught instanceof DomainError && caught.code === 'INVITE_INVALID') await refusals.consume(caller).catch(() => undefined);
      throw caught;
    }
  };

  router.use('/api/enrol', consoleOriginOnly(deps));

  router.post(API.enrolInfo, async (req: Request, res: Response) => {
    const body = enrolInfoRequestSchema.safeParse(req.body);
    if (!body.success) return fail(res, new DomainError('INVALID_PAYLOAD'), log, 'enrol.failed');
    try {
      res.json({ ok: true, data: await limited(req, () => staff.enrolInfo(body.data.token)) });
    } catch (caught) {
      fail(res, caught, log, 'enrol.failed');
    }
  });

  router.post(API.enrol, async (req: Request, res: Response) => {
    const body = enrolRequestSchema.safeParse(req.body);
    if (!body.success) return fail(res, new DomainError('INVALID_PAYLOAD'), log, 'enrol.failed');
    try {
      const result = await limited(req, () => staff.enrol(body.data));
      log.info({ event: 'staff.enrolled' }, 'staff member enrolled; waiting for the organisation to sign');
      res.json({ ok: true, data: result });
    } catch (caught) {
      fail(res, caught, log, 'enrol.failed');
    }
  });

  return router;
}
