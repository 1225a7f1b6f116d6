import { type Appointment, type HandoffKind, MAX_BOOKING_AHEAD_DAYS } from '@tsunagari/shared';

/**
 * Pure helpers for hand-off bookings and the appointments list. All dates are Tokyo dates: the
 * program works in Yamaguchi, while staff browsers (and test machines) may run in any zone.
 * Japan has no daylight saving, so Tokyo is always UTC+9 and plain arithmetic is exact.
 */

const TOKYO_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

/** The ISO instant of a Tokyo date (`YYYY-MM-DD`) and time (`HH:MM`), with an explicit +09:00. Null when malformed. */
export function tokyoIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [, y, m, day] = d.map(Number) as [number, number, number, number];
  const [, hh, mm] = t.map(Number) as [number, number, number];
  // Round-trip through Date.UTC to refuse 2月30日 and 25:00, which Date would roll over silently.
  const probe = new Date(Date.UTC(y, m - 1, day, hh, mm));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== day || probe.getUTCHours() !== hh || probe.getUTCMinutes() !== mm) {
    return null;
  }
  return `${date}T${time}:00+09:00`;
}

/** Today's date in Tokyo as `YYYY-MM-DD` (the date input's value format). */
export function tokyoDate(now: Date, plusDays = 0): string {
  return new Date(now.getTime() + TOKYO_OFFSET_MS + plusDays * DAY_MS).toISOString().slice(0, 10);
}

/** An instant as Tokyo wall time, e.g. `12月3日（木）14:00`. */
export function formatTokyoDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const t = new Date(ms + TOKYO_OFFSET_MS);
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日（${WEEKDAYS[t.getUTCDay()]}）${hh}:${mm}`;
}

/** A reservation code in two groups of three, easier to read out on the phone: `AB2 C3D`. */
export function spacedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/** What she typed in the search box, as the server compares it: no spaces or hyphens, upper case. */
export function normaliseCode(input: string): string {
  return input.replace(/[\s\-ー－]/g, '').toUpperCase();
}

/** Why a booking time cannot be sent, or null when it can. The server checks again. */
export function bookingProblem(startsAt: string | null, now: Date): 'invalid' | 'past' | 'tooFar' | null {
  if (startsAt === null) return 'invalid';
  const ms = Date.parse(startsAt);
  if (Number.isNaN(ms)) return 'invalid';
  if (ms <= now.getTime()) return 'past';
  if (ms > now.getTime() + MAX_BOOKING_AHEAD_DAYS * DAY_MS) return 'tooFar';
  return null;
}

/** Adds or replaces an appointment, keeping the list soonest first (then by booking time). */
export function upsertAppointment(list: readonly Appointment[], a: Appointment): Appointment[] {
  const rest = list.filter((x) => x.id !== a.id);
  return [...rest, a].sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt) || x.createdAt.localeCompare(y.createdAt));
}

/** Her kind's label in the message and the list. */
export const KIND_LABELS: Readonly<Record<HandoffKind, string>> = {
  phone: '電話相談',
  remote: 'リモートカウンセリング',
  interview: '面接相談',
  outreach: '家庭訪問',
  accompaniment: '同行支援',
};

/**
 * The sentences after the code, per kind: what she does at that time. Short on purpose: she may
 * be reading in a hurry, on a small screen, with someone nearby.
 */
function kindLines(kind: HandoffKind, phone: string): string[] {
  switch (kind) {
    case 'phone':
      return [
        phone
          ? `その時間に、つながりサポートの電話（${phone}）にかけて、予約番号をお伝えください。`
          : 'その時間に、つながりサポートの電話にかけて、予約番号をお伝えください。電話番号は、このチャットでお伝えします。',
        // DESIGN safety rule: hand-off screens warn that calls show up in call history and bills.
        '※電話をかけると、通話の履歴や請求書に番号が残ることがあります。',
      ];
    case 'remote':
      return ['つなぎ方は、このチャットでご案内します。はじめに予約番号をお伝えください。'];
    case 'interview':
      return ['お会いする場所は、このチャットでいっしょに決めましょう。当日、予約番号をお伝えください。'];
    case 'outreach':
      return ['うかがう場所は、このチャットでいっしょに決めましょう。'];
    case 'accompaniment':
      return ['待ち合わせの場所は、このチャットでいっしょに決めましょう。当日、予約番号をお伝えください。'];
  }
}

/**
 * The ordinary chat message that tells her about her booking. It travels encrypted like any
 * other counselor message, so the widget needs nothing new and keeps nothing on her device.
 */
export function handoffMessage(kind: HandoffKind, startsAt: string, code: string, phone: string): string {
  return [
    'ご予約をお取りしました。',
    `${KIND_LABELS[kind]}：${formatTokyoDateTime(startsAt)}`,
    `予約番号：${code}`,
    'この番号を紙などに書きとめてください。この画面には残りません。',
    ...kindLines(kind, phone),
  ].join('\n');
}
