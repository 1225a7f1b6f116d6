/**
 * The console's own configuration: `console-config.json`, served beside its index.html from the
 * same origin as its code (the NPO's static host; the relay itself only in the demo). It is the
 * console's trust anchor: the organisation key every identity is verified against comes from
 * here and nowhere else, never from an API response. This module (and zod with it) is loaded
 * with a dynamic import as the page starts, so the first script stays small.
 */
import { CONSOLE_CONFIG_FILE, type ConsoleConfig, consoleConfigSchema } from '@tsunagari/shared';

export type { ConsoleConfig };

/** Why a config was refused: the file is not there, or it is not a valid config. */
export type ConfigProblem = 'missing' | 'invalid';

export type ConfigResult = { ok: true; config: ConsoleConfig } | { ok: false; problem: ConfigProblem };

/**
 * Checks the parsed JSON against the shared schema, then where the relay may be: https, or plain
 * http only on a loopback host or on the page's own origin (the demo, where the relay serves
 * the console). The relay URL is kept as a bare origin: a path, query or credentials in it mean
 * the file is not what it seems.
 */
export function parseConsoleConfig(value: unknown, pageOrigin: string): ConfigResult {
  const parsed = consoleConfigSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: 'invalid' };
  const relayUrl = relayOrigin(parsed.data.relayUrl, pageOrigin);
  if (!relayUrl) return { ok: false, problem: 'invalid' };
  // The address printed on flyers: https, as the relay (the schema checked its shape).
  const landing = parsed.data.landingUrl;
  if (landing !== undefined && !allowedOrigin(new URL(landing.replace('{campaign}', 'x')), pageOrigin)) return { ok: false, problem: 'invalid' };
  return { ok: true, config: { ...parsed.data, relayUrl } };
}

function relayOrigin(value: string, pageOrigin: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return null;
  return allowedOrigin(url, pageOrigin) ? url.origin : null;
}

/** https, or plain http only on a loopback host or on the page's own origin (the demo). */
function allowedOrigin(url: URL, pageOrigin: string): boolean {
  const loopback = ['localhost', '[::1]'].includes(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && (loopback || url.origin === pageOrigin));
}

/**
 * Fetches and checks the config file beside the page. Never cached: an NPO that rotates its
 * organisation key or moves its relay changes one file.
 */
export async function loadConsoleConfig(): Promise<ConfigResult> {
  let res: Response;
  try {
    // Vite's base is where the console is served from (/console/ on the relay).
    res = await fetch(new URL(`${import.meta.env.BASE_URL}${CONSOLE_CONFIG_FILE}`, location.href), { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    return { ok: false, problem: 'missing' };
  }
  if (!res.ok) return { ok: false, problem: 'missing' };
  try {
    return parseConsoleConfig(await res.json(), location.origin);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
}
