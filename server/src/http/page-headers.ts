import type { RequestHandler, Response } from 'express';

/** What decides the headers of the HTML pages the relay serves (the demo's pages). */
export interface PageHeaderOptions {
  /** Origins that may frame the landing page (TSUNAGARI_FRAME_ANCESTORS); empty: nobody. */
  frameAncestors: readonly string[];
}

/**
 * Headers on every HTML page the relay serves (issue 15): the page's strict Content Security
 * Policy as a header too (only a header can say `frame-ancestors`), framed by nobody (the landing
 * page: only by the origins the NPO configured), a window of its own (COOP), no referrer, no
 * sniffing. The landing page also denies camera, microphone, geolocation and notifications: she
 * opens it from a QR code, and nothing on it needs them.
 */
export function sendPageHeaders(res: Response, csp: string, opts: PageHeaderOptions & { landing?: boolean }): void {
  const ancestors = opts.landing && opts.frameAncestors.length > 0 ? opts.frameAncestors.join(' ') : "'none'";
  res.setHeader('Content-Security-Policy', `${csp}; frame-ancestors ${ancestors}`);
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (opts.landing) res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), notifications=()');
}

/** HSTS on every response when the relay's public address is https (two years; the relay is https only). */
export function strictTransport(publicUrl: string | null): RequestHandler {
  const on = publicUrl?.startsWith('https://') ?? false;
  return (_req, res, next) => {
    if (on) res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    next();
  };
}
