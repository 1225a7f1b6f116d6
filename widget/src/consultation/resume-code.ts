/**
 * The resume code as the screens need it: the quick shape check before anything loads, and the
 * expiry date in her language. Making, registering and opening a code is the session's
 * (`resume-requests.ts`); the code itself, its lookup and the key wrapping live in
 * `session-crypto.ts`. Nothing about it is stored on her device.
 */

/** 26 letters and digits (130 bits, Crockford-style), shown in groups; hyphens and spaces optional. */
export function codeShapeOk(typed: string): boolean {
  return /^[0-9A-Z]{26}$/.test(typed.toUpperCase().replace(/[\s\-‐－ー]/g, ''));
}

/** The code's expiry as a date in her language (Tokyo time); the raw value if it does not parse. */
export function expiryText(expiresAt: string, lang: string): string {
  const d = new Date(expiresAt);
  if (Number.isNaN(d.getTime())) return expiresAt;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(d);
}
