import { type ApiResult, STAFF_SESSION_COOKIE } from '@tsunagari/shared';
import { stringifySetCookie } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { describeError, toErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import type { StaffOrigin } from './staff-origin.js';

/** What the staff routes share: where the console is, and how the session cookie is set. */
export interface StaffHttp {
  origin: StaffOrigin;
  log: Logger;
  /** Always Secure (production: PUBLIC_URL is https); otherwise Secure when the request came over HTTPS. */
  secureCookies: boolean;
}

const status: Record<string, number> = {
  NOT_AUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  INVALID_PAYLOAD: 400,
  INVITE_INVALID: 410,
  WEAK_KDF: 400,
  INTERNAL: 500,
  STORAGE_FULL: 507,
};

/** Answers a failure with its code (rate limits included); only unexpected ones are logged, without data. */
export function fail(res: Response, caught: unknown, log: Logger, event: string): void {
  if (caught instanceof RateLimiterRes) {
    res.status(429).json({ ok: false, error: 'RATE_LIMITED' } satisfies ApiResult<never>);
    return;
  }
  const { code, unexpected } = toErrorCode(caught);
  if (unexpected) log.error({ event, err: describeError(caught) }, 'staff route failed');
  res.status(status[code] ?? 400).json({ ok: false, error: code } satisfies ApiResult<never>);
}

/**
 * The console's origin only. A browser sends Origin on every POST, so a request from another
 * origin is refused (403 FORBIDDEN) before anything runs; a request without Origin and without
 * Sec-Fetch-Site does not come from a browser page, so no cookie of a victim's rides on it.
 * With a console on its own origin, answers carry CORS with credentials for that origin alone,
 * and preflights are answered here.
 */
export function consoleOriginOnly(http: StaffHttp): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const fetchSite = req.headers['sec-fetch-site'];
    const fromBrowserPage = req.headers.origin !== undefined || (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none');
    if (fromBrowserPage && !http.origin.allows(req.headers)) {
      res.status(403).json({ ok: false, error: 'FORBIDDEN' } satisfies ApiResult<never>);
      return;
    }
    if (http.origin.configured) {
      res.setHeader('Access-Control-Allow-Origin', http.origin.configured);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', 'content-type');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

/**
 * The session cookie: httpOnly, Path=/; SameSite=Strict when the console is on the relay's own
 * origin, and SameSite=None (so a console on another site can send it; the origin checks stop
 * forged requests) with a configured console origin; Secure in production, over HTTPS (the proxy's
 * X-Forwarded-Proto, through the trusted hops) and whenever SameSite=None. Its lifetime is a
 * Max-Age in seconds, not an Expires date: the browser counts it on its own clock, so a relay and
 * a console whose clocks disagree (a PC set a day ahead; a test relay on a fixed date) neither drop
 * the cookie at once nor keep it past its 12 hours. The server checks the expiry on its own clock too.
 */
export function sessionCookie(http: StaffHttp, req: Request, value: string, maxAgeSeconds: number): string {
  const crossSite = http.origin.crossOrigin;
  return stringifySetCookie({
    name: STAFF_SESSION_COOKIE,
    value,
    httpOnly: true,
    sameSite: crossSite ? 'none' : 'strict',
    secure: http.secureCookies || req.secure || crossSite,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}
