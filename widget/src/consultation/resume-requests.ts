import type { ConsultationSnapshot } from '@tsunagari/shared';
import type { RequestError, SessionDeps } from './types.js';

/**
 * The resume code's requests: registering a new code (its lookup and her wrapped session key)
 * and opening a consultation by a typed code, unwrapping the key into the session's crypto.
 */

/** What she is told when the server does not know the code (or the consultation is over). */
export function resumeOpenError(error: RequestError): RequestError | 'RESUME_NOT_FOUND' {
  return error === 'UNKNOWN_CONSULTATION' || error === 'INVALID_STATE' ? 'RESUME_NOT_FOUND' : error;
}

/** Makes a resume code for this consultation and registers its lookup and wrapped key; null when that failed. */
export async function createCode(deps: SessionDeps, consultationId: string): Promise<{ code: string; expiresAt: string } | null> {
  const { code, lookup, wrappedKey } = await deps.crypto.newResumeCode();
  const r = await deps.socket.request('resume:create', { consultationId, lookup, wrappedKey });
  return r.ok ? { code, expiresAt: r.data.expiresAt } : null;
}

export type OpenedByCode =
  | { ok: true; consultationId: string; clientToken: string; snapshot: ConsultationSnapshot }
  | { ok: false; error: RequestError | 'RESUME_INVALID' | 'RESUME_NOT_FOUND' };

/** Looks the typed code up and, if the server knows it, unwraps the session key into `deps.crypto`. */
export async function openByCode(deps: SessionDeps, code: string): Promise<OpenedByCode> {
  const keys = await deps.crypto.resumeKeys(code);
  if (!keys) return { ok: false, error: 'RESUME_INVALID' };
  const r = await deps.socket.request('resume:open', { lookup: keys.lookup });
  if (!r.ok) return { ok: false, error: resumeOpenError(r.error) };
  if (!keys.unwrap(r.data.wrappedKey)) return { ok: false, error: 'RESUME_NOT_FOUND' };
  return { ok: true, consultationId: r.data.consultationId, clientToken: r.data.clientToken, snapshot: r.data.snapshot };
}
