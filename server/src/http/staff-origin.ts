/**
 * Where staff may come from: the console's origin. With `TSUNAGARI_CONSOLE_ORIGIN` set (the
 * console on a static origin of the NPO's own), only that origin; unset (the demo, where the relay
 * serves the console), only the relay's own origin, as the Host header names it. Staff sockets and
 * the auth and enrol routes pass this check; the cookie alone is never enough.
 */
export class StaffOrigin {
  constructor(
    /** e.g. "https://console.npo.example"; null: same origin as the relay. */
    readonly configured: string | null,
  ) {}

  /**
   * Whether a request with these headers comes from the console. Browsers omit Origin on
   * same-origin GETs (long-polling), but then say so in Sec-Fetch-Site.
   */
  allows(headers: { origin?: string | undefined; host?: string | undefined; 'sec-fetch-site'?: string | string[] | undefined }): boolean {
    const origin = headers.origin;
    if (!origin) return this.configured === null && headers['sec-fetch-site'] === 'same-origin';
    if (this.configured !== null) return origin === this.configured;
    if (!headers.host) return false;
    try {
      return new URL(origin).host === headers.host;
    } catch {
      return false;
    }
  }

  /** Whether the console is on another origin, so responses need CORS with credentials. */
  get crossOrigin(): boolean {
    return this.configured !== null;
  }
}

/** Checks a configured console origin: scheme, host and port only, as browsers send it. */
export function parseConsoleOrigin(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`TSUNAGARI_CONSOLE_ORIGIN must be an origin like https://console.example, not "${value}"`);
  }
  if (url.origin !== value || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new Error(`TSUNAGARI_CONSOLE_ORIGIN must be an origin like https://console.example (no path, no trailing slash), not "${value}"`);
  }
  return value;
}
