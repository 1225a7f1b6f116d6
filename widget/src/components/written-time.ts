import type { Lang } from '../i18n/index.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * When a message was written, as the log shows it: hours and minutes, Tokyo time (the service's
 * time, as the resume code's expiry), in her language. The time comes from inside the decrypted
 * message (the relay keeps none); '' when the message carries none (sealed before times moved
 * inside, or it did not decrypt) or it does not parse: no time is shown rather than an invented one.
 */
export function writtenTime(writtenAt: string | undefined, lang: Lang): string {
  const t = writtenAt === undefined ? Number.NaN : Date.parse(writtenAt);
  if (Number.isNaN(t)) return '';
  const locale = lang === 'en' ? 'en-GB' : 'ja-JP';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' });
    formats.set(locale, format);
  }
  return format.format(t);
}
