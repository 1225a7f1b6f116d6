import type { IncomingMessage, ServerResponse } from 'node:http';
import { API, type ApiResult } from '@tsunagari/shared';
import type { LoginGuard } from '../domain/staff/login-guard.js';
import type { CallerKeys } from './client-key.js';
import type { StaffOrigin } from './staff-origin.js';

/** The routes that try a password (the KDF parameters come first in every try); logout is never refused. */
const GATED = new Set<string>([API.authParams, API.login, API.passwordChange]);
/** Refusals held at once; past this they are answered at once, so holding cannot pile up sockets. */
const MAX_HELD = 1000;
const REFUSAL = JSON.stringify({ ok: false, error: 'RATE_LIMITED' } satisfies ApiResult<never>);

export interface LoginGateDeps {
  guard: LoginGuard;
  callers: CallerKeys;
  origin: StaffOrigin;
}

/**
 * Refuses a login try from a network that has spent its failed-login budget (LoginGuard's per
 * network count) in the HTTP server's request handler, before Express: no body parser, no routing,
 * no session look-up. A lockout script sends thousands of tries a second once refused; each cost
 * an Express request on the relay's main thread, which the women's messages share. The refusal is
 * the one the route gives (429 RATE_LIMITED), small and fixed, held `refusalHoldMs` first (a
 * script waiting for answers slows to a few tries a second) and closing the connection, so no
 * keep-alive socket stays with the refused network. The route's own checks still run for every
 * try that passes (the per-name waits need the body's username). Express routes paths without
 * regard to case or a trailing slash; so does this.
 */
export function loginGate(deps: LoginGateDeps): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  let held = 0;
  const refuse = (res: ServerResponse, retryMs: number) => {
    if (res.destroyed) return;
    res.statusCode = 429;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Retry-After', String(Math.ceil(retryMs / 1000)));
    res.setHeader('Connection', 'close');
    if (deps.origin.configured) {
      res.setHeader('Access-Control-Allow-Origin', deps.origin.configured);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    res.end(REFUSAL);
  };
  return (req, res, next) => {
    if (req.method !== 'POST' || !GATED.has(pathOf(req.url))) return next();
    deps.guard.networkRefusedFor(deps.callers.of(req)).then(
      (retryMs) => {
        if (retryMs === 0) return next();
        const holdMs = deps.guard.limits.refusalHoldMs;
        if (holdMs === 0 || held >= MAX_HELD) return refuse(res, retryMs);
        held++;
        setTimeout(() => {
          held--;
          refuse(res, retryMs);
        }, holdMs).unref();
      },
      () => next(),
    );
  };
}

/** The path as Express would route it: no query, lower case, no trailing slash. */
function pathOf(url: string | undefined): string {
  const path = (url ?? '').split('?', 1)[0] as string;
  return path.toLowerCase().replace(/\/+$/, '');
}
