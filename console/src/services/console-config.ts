/**
 * The console's own configuration: `console-config.json`, served beside its index.html from the
 * same origin as its code (the NPO's static host; the relay itself only in the demo). It is the
 * console's trust anchor: the organisation key every identity is verified against comes from
 * here and nowhere else, never from an API response.
 */

/** How strong the Argon2id parameters the relay hands out must be before the console derives. */
export type KdfFloor = 'moderate' | 'interactive' | 'min';

export interface ConsoleConfig {
  /** The relay's origin (scheme, host, port), without a trailing slash. */
  relayUrl: string;
  /** The organisation's Ed25519 public key, base64url; pinned with `pinOrgKey` before use. */
  orgPublicKey: string;
  /** Minutes without input before the console locks and wipes her keys. */
  lockAfterMinutes: number;
  /** Weakest KDF parameters accepted; `moderate` except for test servers started with weak ones. */
  kdfFloor: KdfFloor;
}

/** Default minutes before the lock. */
export const DEFAULT_LOCK_MINUTES = 15;
/** Longest lock delay a config may set: one working day. */
export const MAX_LOCK_MINUTES = 12 * 60;
const FLOORS: readonly KdfFloor[] = ['moderate', 'interactive', 'min'];
const CONFIG_KEYS = new Set(['relayUrl', 'orgPublicKey', 'lockAfterMinutes', 'kdfFloor']);

/** Why a config was refused, for the one screen that says so (and for the tests). */
export type ConfigProblem = 'missing' | 'malformed' | 'relayUrl' | 'orgPublicKey' | 'lockAfterMinutes' | 'kdfFloor';

export type ConfigResult = { ok: true; config: ConsoleConfig } | { ok: false; problem: ConfigProblem };

/**
 * Checks the parsed JSON. `relayUrl` must be https, or http on a loopback host or on the page's
 * own origin (the demo). `orgPublicKey` is checked for shape here (43 base64url characters);
 * `pinOrgKey` makes the full check once libsodium has loaded. Unknown keys are refused, so a
 * typo in a deployed file is seen at once rather than silently ignored.
 */
export function parseConsoleConfig(value: unknown, pageOrigin: string): ConfigResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'malformed' };
  const v = value as Record<string, unknown>;
  if (Object.keys(v).some((k) => !CONFIG_KEYS.has(k))) return { ok: false, problem: 'malformed' };
  const relayUrl = relayOrigin(v.relayUrl, pageOrigin);
  if (!relayUrl) return { ok: false, problem: 'relayUrl' };
  if (typeof v.orgPublicKey !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(v.orgPublicKey)) return { ok: false, problem: 'orgPublicKey' };
  const lock = v.lockAfterMinutes ?? DEFAULT_LOCK_MINUTES;
  if (typeof lock !== 'number' || !Number.isFinite(lock) || lock <= 0 || lock > MAX_LOCK_MINUTES) return { ok: false, problem: 'lockAfterMinutes' };
  const floor = v.kdfFloor ?? 'moderate';
  if (!FLOORS.includes(floor as KdfFloor)) return { ok: false, problem: 'kdfFloor' };
  return { ok: true, config: { relayUrl, orgPublicKey: v.orgPublicKey, lockAfterMinutes: lock, kdfFloor: floor as KdfFloor } };
}

function relayOrigin(value: unknown, pageOrigin: string): string | null {
  if (typeof value !== 'string') return null;
  let url: URL;
  try {
    url = new URL(value, pageOrigin);
  } catch {
    return null;
  }
  // An origin only: a path, query or credentials would mean the file is not what it seems.
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) return null;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && (loopback || url.origin === pageOrigin));
  return ok ? url.origin : null;
}

/**
 * Fetches and checks `console-config.json` beside the page. Never cached: an NPO that rotates
 * its organisation key or moves its relay changes one file.
 */
export async function loadConsoleConfig(): Promise<ConfigResult> {
  let res: Response;
  try {
    // Beside index.html: Vite's base is where the console is served from (/console/ on the relay).
    res = await fetch(new URL(`${import.meta.env.BASE_URL}console-config.json`, location.href), { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    return { ok: false, problem: 'missing' };
  }
  if (!res.ok) return { ok: false, problem: 'missing' };
  try {
    return parseConsoleConfig(await res.json(), location.origin);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
}
