import { API, type ApiResult, CONSOLE_CONFIG_FILE, type ConsoleConfig, type ErrorCode, type KdfParamsResponse, type StaffSession } from '@tsunagari/shared';

/** An API answer, or `NETWORK` when no answer came (offline, server down, not JSON). */
export type AuthResult<T> = ApiResult<T> | { ok: false; error: 'NETWORK' };

async function postJson<T>(path: string, body: unknown): Promise<AuthResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      // The session cookie is httpOnly and SameSite=Strict; same-origin sends and stores it.
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
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

/**
 * The console's pinned config, from beside its own files (same origin as this code). Only what
 * the console uses today is checked here: the organisation key it verifies identities against.
 */
export async function fetchConsoleConfig(): Promise<AuthResult<Pick<ConsoleConfig, 'orgPublicKey'>>> {
  try {
    const res = await fetch(new URL(CONSOLE_CONFIG_FILE, document.baseURI), { cache: 'no-store', credentials: 'same-origin' });
    const json = (await res.json()) as Partial<ConsoleConfig>;
    if (typeof json.orgPublicKey === 'string') return { ok: true, data: { orgPublicKey: json.orgPublicKey } };
  } catch {
    // Fall through.
  }
  return { ok: false, error: 'NETWORK' };
}

/** Her Argon2id salt and limits. Unknown names get stable fake ones, so this says nothing. */
export function fetchKdfParams(username: string): Promise<AuthResult<KdfParamsResponse>> {
  return postJson(API.authParams, { username });
}

/** Logs in with the derived auth key; the server sets the session cookie. */
export function postLogin(username: string, authKey: string): Promise<AuthResult<StaffSession>> {
  return postJson(API.login, { username, authKey });
}

/** Ends the server session. Failure is ignored: the browser forgets her keys either way. */
export async function postLogout(): Promise<void> {
  try {
    await fetch(API.logout, { method: 'POST', credentials: 'same-origin' });
  } catch {
    // Offline: the cookie expires on its own; keys are already wiped.
  }
}

/** Codes the login form turns into kind sentences. */
export type LoginErrorCode = ErrorCode | 'NETWORK' | 'UNWRAP_FAILED' | 'CRYPTO_LOAD';
