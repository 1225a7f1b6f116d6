import {
  API,
  STAFF_SESSION_COOKIE,
  authParamsRequestSchema,
  loginRequestSchema,
  passwordChangeRequestSchema,
} from '@tsunagari/shared';
import { parseCookie } from 'cookie';
import express, { type Request, type Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OpenedSession, StaffAuthService } from '../domain/staff/auth.js';
import type { LoginGuard } from '../domain/staff/login-guard.js';
import { DomainError } from '../errors.js';
import type { CallerKeys } from './client-key.js';
import { type StaffHttp, consoleOriginOnly, fail, sessionCookie } from './staff-http.js';

export interface AuthRouteDeps extends StaffHttp {
  auth: StaffAuthService;
  /** Tells callers apart without keeping their addresses. */
  callers: CallerKeys;
  /** The failed-login budgets and the per-username slow-down. */
  guard: LoginGuard;
}

/**
 * Staff login, logout and password change, for the console's origin only. Failed attempts are
 * limited per (username, caller network) and per network (hashed, daily-salted; no address is
 * kept), with a wait that doubles; failures on a username from everywhere only slow its attempts
 * down, so a stranger cannot lock a counselor out (see LoginGuard).
 */
export function authRoutes(deps: AuthRouteDeps): express.Router {
  const { auth, log } = deps;
  const router = express.Router();
  const cookieOf = (req: Request) => parseCookie(req.headers.cookie ?? '')[STAFF_SESSION_COOKIE];

  /** Runs an auth-key check within the caller's budgets; a failure is counted, a success clears this network's count. */
  const limited = async (req: Request, userKey: string, attempt: () => Promise<OpenedSession>): Promise<OpenedSession> => {
    const network = deps.callers.of(req);
    const holdMs = await deps.guard.admit(userKey, network);
    try {
      if (holdMs > 0) await sleep(holdMs);
      const opened = await attempt();
      await deps.guard.succeeded(userKey, network);
      return opened;
    } catch (caught) {
      if (caught instanceof DomainError && caught.code === 'NOT_AUTHENTICATED') await deps.guard.failed(userKey, network);
      throw caught;
    } finally {
      deps.guard.settled(network);
    }
  };

  router.use('/api/auth', consoleOriginOnly(deps));

  router.post(API.authParams, async (req: Request, res: Response) => {
    const body = authParamsRequestSchema.safeParse(req.body);
    if (!body.success) return fail(res, new DomainError('INVALID_PAYLOAD'), log, 'auth.failed');
    try {
      res.json({ ok: true, data: await auth.params(body.data.username) });
    } catch (caught) {
      fail(res, caught, log, 'auth.failed');
    }
  });

  router.post(API.login, async (req: Request, res: Response) => {
    const body = loginRequestSchema.safeParse(req.body);
    if (!body.success) return fail(res, new DomainError('INVALID_PAYLOAD'), log, 'auth.failed');
    const { username, authKey } = body.data;
    try {
      const opened = await limited(req, username, () => auth.login(username, authKey));
      res.setHeader('Set-Cookie', sessionCookie(deps, req, opened.token, opened.lifetimeSeconds));
      log.info({ event: 'staff.login', staffRole: opened.session.staff.role }, 'staff signed in');
      res.json({ ok: true, data: opened.session });
    } catch (caught) {
      fail(res, caught, log, 'auth.failed');
    }
  });

  router.post(API.passwordChange, async (req: Request, res: Response) => {
    const body = passwordChangeRequestSchema.safeParse(req.body);
    if (!body.success) return fail(res, new DomainError('INVALID_PAYLOAD'), log, 'auth.failed');
    const token = cookieOf(req);
    const who = await auth.authenticate(token);
    if (!who) return fail(res, new DomainError('NOT_AUTHENTICATED'), log, 'auth.failed');
    try {
      const opened = await limited(req, `staff:${who.staff.id}`, () => auth.changePassword(token, body.data));
      res.setHeader('Set-Cookie', sessionCookie(deps, req, opened.token, opened.lifetimeSeconds));
      log.info({ event: 'staff.password_changed', staffRole: opened.session.staff.role }, 'staff password changed');
      res.json({ ok: true, data: opened.session });
    } catch (caught) {
      fail(res, caught, log, 'auth.failed');
    }
  });

  router.post(API.logout, async (req: Request, res: Response) => {
    await auth.logout(cookieOf(req));
    res.setHeader('Set-Cookie', sessionCookie(deps, req, '', 0));
    res.status(204).end();
  });

  return router;
}
