import type { StaffSession } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';
import type { LoginErrorCode } from './auth-api.js';
import type { StaffCrypto } from './staff-crypto.js';

/** Where a login is, for the form's busy text. */
export type LoginPhase = 'params' | 'keys';

export type LoginOutcome = { ok: true; session: StaffSession; crypto: StaffCrypto } | { ok: false; error: LoginErrorCode };

/**
 * The kind sentence for a failed login. A wrong name and a wrong password read the same, so the
 * form never tells anyone which accounts exist.
 */
export function loginErrorMessage(code: LoginErrorCode): string {
  switch (code) {
    case 'NOT_AUTHENTICATED':
    case 'INVALID_PAYLOAD':
    case 'FORBIDDEN':
      return ja.auth.wrongCredentials;
    case 'RATE_LIMITED':
      return ja.auth.rateLimited;
    case 'NETWORK':
      return ja.auth.network;
    case 'UNWRAP_FAILED':
      return ja.auth.unwrapFailed;
    case 'CRYPTO_LOAD':
      return ja.auth.cryptoLoadFailed;
    default:
      return ja.auth.other;
  }
}

function nextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * The whole login: salt and limits → Argon2id in the browser → login with the auth key →
 * unwrap her keys with the wrap key. The password and wrap key never leave this function.
 */
export async function login(username: string, password: string, onPhase: (p: LoginPhase) => void): Promise<LoginOutcome> {
  onPhase('params');
  // The API client (with the shared schemas) and libsodium load only now, in parallel, so the
  // login page itself stays small.
  const cryptoModule = import('./staff-crypto.js');
  let api: typeof import('./auth-api.js');
  try {
    api = await import('./auth-api.js');
  } catch {
    return { ok: false, error: 'NETWORK' };
  }
  // The organisation key comes from the console's own config file (served with this code), never
  // from the relay's answers.
  const [params, config] = await Promise.all([api.fetchKdfParams(username), api.fetchConsoleConfig()]);
  if (!params.ok) return { ok: false, error: params.error };
  if (!config.ok) return { ok: false, error: config.error };

  onPhase('keys');
  // Argon2id blocks the main thread: let the busy text paint first.
  await nextPaint();
  let mod: typeof import('./staff-crypto.js');
  let derived: Awaited<ReturnType<typeof mod.deriveLogin>>;
  try {
    mod = await cryptoModule;
    derived = await mod.deriveLogin(password, params.data);
  } catch {
    return { ok: false, error: 'CRYPTO_LOAD' };
  }

  const res = await api.postLogin(username, derived.authKey);
  if (!res.ok) {
    derived.wrapKey.fill(0);
    return { ok: false, error: res.error };
  }
  try {
    const crypto = await mod.unlockStaffCrypto(derived.wrapKey, res.data.keys, config.data.orgPublicKey);
    return { ok: true, session: res.data, crypto };
  } catch {
    return { ok: false, error: 'UNWRAP_FAILED' };
  }
}
