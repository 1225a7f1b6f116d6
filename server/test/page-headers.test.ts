/**
 * Issue 15, "Headers": every HTML page the relay serves (the demo's: stand-in page, landing page,
 * exit page) carries a strict CSP as a header, frame-ancestors 'none' (the landing page: only the
 * configured origins), COOP; the landing page denies camera, microphone, geolocation and
 * notifications; HSTS on everything when PUBLIC_URL is https.
 */
import { describe, expect, it } from 'vitest';
import { serverPerTest } from './harness.js';

const HTML_ROUTES = ['/demo/', '/c/flyer-2026', '/exit'];
const { start } = serverPerTest();

async function headersOf(url: string): Promise<Headers> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return res.headers;
}

describe('headers on every HTML page the relay serves', () => {
  it.each(HTML_ROUTES)('%s: strict CSP framed by nobody, COOP, no referrer, no HSTS over http', async (route) => {
    const server = await start({ demo: true });
    const h = await headersOf(server.url + route);
    const csp = h.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none';/);
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/; frame-ancestors 'none'$/);
    expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('strict-transport-security')).toBeNull();
  });

  it('the landing page may be framed only by the configured origins, and denies device features', async () => {
    const server = await start({ demo: true, frameAncestors: ['https://npo.example'] });
    const landing = await headersOf(`${server.url}/c/flyer-2026`);
    expect(landing.get('content-security-policy')).toMatch(/; frame-ancestors https:\/\/npo\.example$/);
    expect(landing.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=(), notifications=()');
    // The others still by nobody.
    for (const route of ['/demo/', '/exit']) expect((await headersOf(server.url + route)).get('content-security-policy')).toMatch(/frame-ancestors 'none'$/);
  });

  it('HSTS on every response when PUBLIC_URL is https', async () => {
    const server = await start({ demo: true, publicUrl: 'https://relay.example' });
    for (const route of HTML_ROUTES) expect((await headersOf(server.url + route)).get('strict-transport-security'), route).toMatch(/^max-age=\d{8}/);
    expect((await fetch(`${server.url}/api/widget/status`)).headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });
});
