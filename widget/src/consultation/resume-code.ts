import type { ConsultationSnapshot } from '@tsunagari/shared';
import type { RequestError, SessionDeps } from '../consultation-types.js';

/**
 * The resume code's pure parts: the quick shape check before anything loads, how a failed
 * `resume:open` is told to her, and the expiry date in her language. The code itself, its
 * lookup and the key wrapping live in `session-crypto.ts`; nothing about it is stored on her device.
 */

/** 26 letters and digits (130 bits, Crockford-style), shown in groups; hyphens and spaces optional. */
export function codeShapeOk(typed: string): boolean {
  return /^[0-9A-Z]{26}$/.test(typed.toUpperCase().replace(/[\s\-‐－ー]/g, ''));
}

/** What she is told when the server does not know the code (or the consultation is over). */
export function resumeOpenError(error: RequestError): RequestError | 'RESUME_NOT_FOUND' {
  return error === 'UNKNOWN_CONSULTATION' || error === 'INVALID_STATE' ? 'RESUME_NOT_FOUND' : error;
}

/** The code's expiry as a date in her language (Tokyo time); the raw value if it does not parse. */
export function expiryText(expiresAt: string, lang: string): string {
  const d = new Date(expiresAt);
  if (Number.isNaN(d.getTime())) return expiresAt;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(d);
}

/** Makes a resume code for this consultation and registers its lookup and wrapped key; null when that failed. */
export async function createCode(deps: SessionDeps, consultationId: string): Promise<{ code: string; expiresAt: string } | null> {
  const { code, lookup, wrappedKey } = deps.crypto.newResumeCode();
  const r = await deps.socket.request('resume:create', { consultationId, lookup, wrappedKey });
  return r.ok ? { code, expiresAt: r.data.expiresAt } : null;
}

export type OpenedByCode =
  | { ok: true; consultationId: string; clientToken: string; snapshot: ConsultationSnapshot }
  | { ok: false; error: RequestError | 'RESUME_INVALID' | 'RESUME_NOT_FOUND' };

/** Looks the typed code up and, if the server knows it, unwraps the session key into `deps.crypto`. */
export async function openByCode(deps: SessionDeps, code: string): Promise<OpenedByCode> {
  const keys = deps.crypto.resumeKeys(code);
  if (!keys) return { ok: false, error: 'RESUME_INVALID' };
  const r = await deps.socket.request('resume:open', { lookup: keys.lookup });
  if (!r.ok) return { ok: false, error: resumeOpenError(r.error) };
  if (!keys.unwrap(r.data.wrappedKey)) return { ok: false, error: 'RESUME_NOT_FOUND' };
  return { ok: true, consultationId: r.data.consultationId, clientToken: r.data.clientToken, snapshot: r.data.snapshot };
}
