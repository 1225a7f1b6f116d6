import {
  API,
  type ApiResult,
  STAFF_SESSION_COOKIE,
  authParamsRequestSchema,
  loginRequestSchema,
} from '@tsunagari/shared';
import { parseCookie, stringifySetCookie } from 'cookie';
import express, { type Request, type Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { StaffAuthService } from '../domain/staff-auth.js';
import { DomainError, describeError, toErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import type { CallerKeys } from './client-key.js';

export interface AuthRouteDeps {
  auth: StaffAuthService;
  /** Tells callers apart without keeping their addresses. */
  callers: CallerKeys;
  log: Logger;
  /** Mark the cookie Secure (behind HTTPS). */
  secureCookies: boolean;
}

const status: Record<string, number> = { NOT_AUTHENTICATED: 401, RATE_LIMITED: 429, INVALID_PAYLOAD: 400, INTERNAL: 500 };

function fail(res: Response, caught: unknown, log: Logger): void {
  if (caught instanceof RateLimiterRes) {
    res.status(429).json({ ok: false, error: 'RATE_LIMITED' } satisfies ApiResult<never>);
    return;
  }
  const { code, unexpected } = toErrorCode(caught);
  if (unexpected) log.error({ event: 'auth.failed', err: describeError(caught) }, 'auth route failed');
  res.status(status[code] ?? 400).json({ ok: false, error: code } satisfies ApiResult<never>);
}

/**
 * Staff login routes. Failed logins are limited per username and per (hashed, daily-salted)
 * caller, so a password cannot be guessed online and no address is kept.
 */
export function authRoutes(deps: AuthRouteDeps): express.Router {
  const { auth, log } = deps;
  const router = express.Router();
  const perUser = new RateLimiterMemory({ keyPrefix: 'user', points: 5, duration: 15 * 60 });
  const perCaller = new RateLimiterMemory({ keyPrefix: 'caller', points: 20, duration: 15 * 60 });

  router.post(API.authParams, (req: Request, res: Response) => {
    const body = authParamsRequestSchema.safeParse(req.body);
    if (!body.success) return fail(res, new DomainError('INVALID_PAYLOAD'), log);
    res.json({ ok: true, data: auth.params(body.data.username) });
  });

  router.post(API.login, async (req: Request, res: Response) => {
    const body = loginRequestSchema.safeParse(req.body);
    if (!body.success) return fail(res, new DomainError('INVALID_PAYLOAD'), log);
    const { username, authKey } = body.data;
    const caller = deps.callers.of(req);
    try {
      // Refuse early when either budget is already spent.
      const [u, c] = await Promise.all([perUser.get(username), perCaller.get(caller)]);
      if ((u && u.remainingPoints <= 0) || (c && c.remainingPoints <= 0)) throw new DomainError('RATE_LIMITED');
      let result;
      try {
        result = auth.login(username, authKey);
      } catch (caught) {
        await Promise.all([perUser.consume(username), perCaller.consume(caller)]).catch(() => undefined);
        throw caught;
      }
      await perUser.delete(username);
      res.setHeader(
        'Set-Cookie',
        stringifySetCookie({
          name: STAFF_SESSION_COOKIE,
          value: result.token,
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.secureCookies,
          path: '/',
          expires: result.expiresAt,
        }),
      );
      log.info({ event: 'staff.login', staffRole: result.session.staff.role }, 'staff signed in');
      res.json({ ok: true, data: result.session });
    } catch (caught) {
      fail(res, caught, log);
    }
  });

  router.post(API.logout, (req: Request, res: Response) => {
    auth.logout(parseCookie(req.headers.cookie ?? '')[STAFF_SESSION_COOKIE]);
    res.setHeader('Set-Cookie', stringifySetCookie({ name: STAFF_SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 }));
    res.status(204).end();
  });

  return router;
}
