/**
 * Her account's key work outside the login itself: unlocking after the idle lock, changing her
 * password, and enrolling from an invitation. Each returns a FormResult whose error is a sentence
 * for the form. Passwords go into Argon2id here and nowhere else.
 */
import type { ConsoleConfig, EnrolInfo } from '@tsunagari/shared';
import { CryptoError } from '@tsunagari/shared/crypto';
import { ja } from '../i18n/ja.js';
import type { FormResult, PasswordChange } from '../state/form-requests.js';
import { fetchEnrolInfo, postEnrol, postPasswordChange } from './auth-api.js';
import type { SignedIn } from './login.js';
import { makeEnrolment, rewrapForNewPassword, unlockWithPassword } from './password-keys.js';
import { loadSodium, type StaffCrypto } from './staff-crypto.js';
import { errorText } from './workspace-context.js';

const idOf = (e: unknown) => (e instanceof CryptoError ? e.id : null);
/** A relay or network refusal in her words. */
const refusal = (error: Parameters<typeof errorText>[0] | 'NETWORK') => (error === 'NETWORK' ? ja.auth.network : errorText(error));

/** Her keys again, from the wrapped keys this session holds; no request to the relay. */
export async function unlock(signedIn: SignedIn, password: string, config: ConsoleConfig): Promise<FormResult<{ crypto: StaffCrypto }>> {
  const sodium = await loadSodium();
  try {
    return { ok: true, crypto: unlockWithPassword(sodium, password, signedIn.kdf, signedIn.session.keys, config.kdfFloor) };
  } catch (e) {
    return { ok: false, error: idOf(e) === 'WEAK_KDF' ? ja.loginTrust.weakKdf : ja.lock.wrong };
  }
}

/** Re-wraps her keys under the new password and uploads them; answers with what the session now holds. */
export async function changePassword(
  signedIn: SignedIn,
  change: PasswordChange,
  config: ConsoleConfig,
): Promise<FormResult<{ signedIn: SignedIn }>> {
  const sodium = await loadSodium();
  let body;
  try {
    body = rewrapForNewPassword(sodium, change.current, change.next, signedIn.kdf, signedIn.session.keys, config.kdfFloor);
  } catch (e) {
    const id = idOf(e);
    return { ok: false, error: id === 'WEAK_PASSWORD' ? ja.enrol.tooShort : id === 'WEAK_KDF' ? ja.loginTrust.weakKdf : ja.password.wrongCurrent };
  }
  const res = await postPasswordChange(config.relayUrl, body);
  if (!res.ok) return { ok: false, error: res.error === 'NOT_AUTHENTICATED' ? ja.password.wrongCurrent : refusal(res.error) };
  return { ok: true, signedIn: { ...signedIn, session: res.data, kdf: body.kdf } };
}

/** Who the invitation in the link is for. */
export async function lookupInvitation(config: ConsoleConfig, token: string): Promise<FormResult<{ invitation: EnrolInfo }>> {
  const res = await fetchEnrolInfo(config.relayUrl, token);
  return res.ok ? { ok: true, invitation: res.data } : { ok: false, error: refusal(res.error) };
}

/**
 * Makes her keys, uploads the public halves and the wrapped blob, and answers with the
 * fingerprint of the keys her browser made (not of anything the relay echoes back).
 */
export async function enrol(config: ConsoleConfig, token: string, invitation: EnrolInfo, password: string): Promise<FormResult<{ fingerprint: string }>> {
  const sodium = await loadSodium();
  let made;
  try {
    made = makeEnrolment(sodium, password, token, invitation);
  } catch (e) {
    return { ok: false, error: idOf(e) === 'WEAK_PASSWORD' ? ja.enrol.tooShort : ja.enrol.failed };
  }
  const res = await postEnrol(config.relayUrl, made.body);
  if (!res.ok) return { ok: false, error: refusal(res.error) };
  if (res.data.staffId !== invitation.staffId) return { ok: false, error: ja.enrol.failed };
  return { ok: true, fingerprint: made.fingerprint };
}
