import type { ConsoleConfig, StaffSession } from '@tsunagari/shared';
import type { KdfParams } from '@tsunagari/shared/crypto';
import { ja } from '../i18n/ja.js';
import type { LoginErrorCode } from './auth-api.js';
import type { StaffCrypto } from './staff-crypto.js';
import type { StaffTrust } from './staff-trust.js';

/** Where a login is, for the form's busy text. */
export type LoginPhase = 'params' | 'keys';

/** Everything a signed-in console holds in memory (and nowhere else). */
export interface SignedIn {
  session: StaffSession;
  /** Her unlocked keys; wiped at logout and at the idle lock. */
  crypto: StaffCrypto;
  /** The pinned organisation key and the newest verified revocation list. */
  trust: StaffTrust;
  /** Her Argon2id parameters (not secret): the lock screen and a password change derive with them. */
  kdf: KdfParams;
}

export type LoginOutcome = { ok: true; signedIn: SignedIn } | { ok: false; error: LoginErrorCode };

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
    case 'BAD_ORG_KEY':
      return ja.config.badOrgKey;
    case 'KDF_REFUSED':
      return ja.loginTrust.weakKdf;
    case 'OWN_STATEMENT':
      return ja.loginTrust.ownStatement;
    default:
      return ja.auth.other;
  }
}

function nextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * The whole login: salt and limits → checked against the config's floor → Argon2id in the
 * browser → login with the auth key → unwrap her keys → her own statement checked against the
 * pinned organisation key → the revocation list verified. The password and wrap key never leave
 * this function.
 */
export async function login(config: ConsoleConfig, username: string, password: string, onPhase: (p: LoginPhase) => void): Promise<LoginOutcome> {
  onPhase('params');
  // The API client and libsodium load only now, in parallel, so the login page itself stays small.
  const cryptoModules = Promise.all([import('./staff-crypto.js'), import('./password-keys.js'), import('./staff-trust.js')]);
  let api: typeof import('./auth-api.js');
  try {
    api = await import('./auth-api.js');
  } catch {
    return { ok: false, error: 'NETWORK' };
  }
  const params = await api.fetchKdfParams(config.relayUrl, username);
  if (!params.ok) return { ok: false, error: params.error };

  onPhase('keys');
  // Argon2id blocks the main thread: let the busy text paint first.
  await nextPaint();
  let mods: Awaited<typeof cryptoModules>;
  let sodium: Awaited<ReturnType<(typeof mods)[0]['loadSodium']>>;
  try {
    mods = await cryptoModules;
    sodium = await mods[0].loadSodium();
  } catch {
    return { ok: false, error: 'CRYPTO_LOAD' };
  }
  const [{ unlockStaffCrypto }, { deriveLoginKeys }, { pinTrust }] = mods;
  let trust: StaffTrust;
  try {
    trust = pinTrust(sodium, config.orgPublicKey);
  } catch {
    return { ok: false, error: 'BAD_ORG_KEY' };
  }
  const derived = deriveLoginKeys(sodium, password, params.data, config.kdfFloor);
  if (!derived) return { ok: false, error: 'KDF_REFUSED' };

  const res = await api.postLogin(config.relayUrl, username, derived.authKey);
  if (!res.ok) {
    sodium.memzero(derived.wrapKey);
    return { ok: false, error: res.error };
  }
  let crypto: StaffCrypto;
  try {
    crypto = unlockStaffCrypto(sodium, derived.wrapKey, res.data.keys);
  } catch {
    return { ok: false, error: 'UNWRAP_FAILED' };
  }
  const list = await api.fetchRevocations(config.relayUrl);
  if (list.ok) trust.acceptList(list.data);
  if (!ownStatementHolds(trust, res.data)) {
    crypto.wipe();
    await api.postLogout(config.relayUrl);
    return { ok: false, error: 'OWN_STATEMENT' };
  }
  return { ok: true, signedIn: { session: res.data, crypto, trust, kdf: params.data } };
}

/**
 * Her own statement must be the pinned organisation's, about her and the keys she just
 * unlocked. A console configured with another organisation's key, or a relay that hands her
 * someone else's statement, stops here. An expired statement still lets her in (an admin renews
 * it; she may need to read her chats), and the relay itself refuses a revoked one.
 */
function ownStatementHolds(trust: StaffTrust, session: StaffSession): boolean {
  const verdict = trust.verify({ staffId: session.staff.id, statement: session.keys.statement }, [session.staff.role]);
  if (!verdict.ok) return verdict.reason === 'expired' || verdict.reason === 'revoked';
  return verdict.statement.boxPublicKey === session.keys.boxPublicKey && verdict.statement.signPublicKey === session.keys.signPublicKey;
}
