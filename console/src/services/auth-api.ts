import {
  API,
  type ApiResult,
  type EnrolInfo,
  type EnrolRequest,
  type EnrolResult,
  type ErrorCode,
  type KdfParamsResponse,
  type PasswordChangeRequest,
  type PublishedRevocations,
  type StaffSession,
} from '@tsunagari/shared';

/**
 * The relay's staff HTTP API, at the relay named in console-config.json (the page's own origin in
 * the demo). Every call is credentialed: the session cookie is httpOnly and set by the relay.
 */

/** An API answer, or `NETWORK` when no answer came (offline, server down, not JSON). */
export type AuthResult<T> = ApiResult<T> | { ok: false; error: 'NETWORK' };

async function call<T>(relayUrl: string, path: string, body?: unknown, credentials: RequestCredentials = 'include'): Promise<AuthResult<T>> {
  let res: Response;
  try {
    res = await fetch(`${relayUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      credentials,
      cache: 'no-store',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, error: 'NETWORK' };
  }
  try {
    const json = (await res.json()) as ApiResult<T>;
    if (typeof json === 'object' && json !== null && typeof json.ok === 'boolean') return json;
  } catch {
    // Fall through: a proxy's HTML error page, say.
  }
  return { ok: false, error: res.status === 429 ? 'RATE_LIMITED' : 'NETWORK' };
}

/** Her Argon2id salt and limits. Unknown names get stable fake ones, so this says nothing. */
export function fetchKdfParams(relayUrl: string, username: string): Promise<AuthResult<KdfParamsResponse>> {
  return call(relayUrl, API.authParams, { username });
}

/** Logs in with the derived auth key; the relay sets the session cookie. */
export function postLogin(relayUrl: string, username: string, authKey: string): Promise<AuthResult<StaffSession>> {
  return call(relayUrl, API.login, { username, authKey });
}

/** Ends the server session. Failure is ignored: the browser forgets her keys either way. */
export async function postLogout(relayUrl: string): Promise<void> {
  await call(relayUrl, API.logout, {});
}

/** Her keys re-wrapped under a new password; the relay ends her other sessions. */
export function postPasswordChange(relayUrl: string, body: PasswordChangeRequest): Promise<AuthResult<StaffSession>> {
  return call(relayUrl, API.passwordChange, body);
}

/** Who an invitation is for. */
export function fetchEnrolInfo(relayUrl: string, token: string): Promise<AuthResult<EnrolInfo>> {
  return call(relayUrl, API.enrolInfo, { token });
}

/** Her public keys, wrapped secret keys, KDF parameters and login value (never her password). */
export function postEnrol(relayUrl: string, body: EnrolRequest): Promise<AuthResult<EnrolResult>> {
  return call(relayUrl, API.enrol, body);
}

/** The revocation list the relay publishes: to be verified against the pinned key, never trusted as is. */
export function fetchRevocations(relayUrl: string): Promise<AuthResult<PublishedRevocations>> {
  // Public, served to any origin (`Access-Control-Allow-Origin: *`): a credentialed request to
  // such an answer is refused by the browser when the console is on its own origin.
  return call(relayUrl, API.revocations, undefined, 'omit');
}

/** Codes the login form turns into kind sentences. */
export type LoginErrorCode = ErrorCode | 'NETWORK' | 'UNWRAP_FAILED' | 'CRYPTO_LOAD' | 'BAD_ORG_KEY' | 'KDF_REFUSED' | 'OWN_STATEMENT';
