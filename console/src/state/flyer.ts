import { CAMPAIGN_PLACEHOLDER, type OpeningHoursConfig } from '@tsunagari/shared';

/** The three languages a flyer speaks, side by side: Japanese, やさしい日本語 and English. */
export interface FlyerLines {
  ja: string;
  easy: string;
  en: string;
}

/** The page sizes a flyer is printed at. A4 is A6 at twice the length each way. */
export type FlyerSize = 'A6' | 'A4';

/**
 * The address a campaign's QR code opens: the landing URL template from the console's pinned
 * config with the campaign's name in place (names are lowercase letters, digits and "-" only,
 * so nothing needs escaping; encoded anyway so a name can never leave the path).
 */
export function landingUrlFor(template: string, campaign: string): string {
  return template.replace(CAMPAIGN_PLACEHOLDER, encodeURIComponent(campaign));
}

const WEEKDAY = {
  ja: ['月', '火', '水', '木', '金', '土', '日'],
  easy: ['げつようび', 'かようび', 'すいようび', 'もくようび', 'きんようび', 'どようび', 'にちようび'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Runs of consecutive ISO weekdays (1–7), e.g. [1,2,3,5] → [[1,3],[5,5]]. */
function runs(days: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const d of [...new Set(days)].sort((a, b) => a - b)) {
    const last = out.at(-1);
    if (last && d === last[1] + 1) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/** "月〜金", "月・水・金": the open weekdays, joined as a person would write them. */
function weekdaysText(days: readonly number[], lang: keyof FlyerLines): string {
  const name = (d: number) => WEEKDAY[lang][d - 1] ?? '';
  const dash = lang === 'en' ? '–' : '〜';
  const sep = lang === 'ja' ? '・' : lang === 'easy' ? '、' : ', ';
  return runs(days)
    .map(([a, b]) => (a === b ? name(a) : b === a + 1 ? `${name(a)}${sep}${name(b)}` : `${name(a)}${dash}${name(b)}`))
    .join(sep);
}

/** "10:00" in each language's way: 10:00, 10じ (10じ30ぷん), 10:00. */
function timeText(hhmm: string, lang: keyof FlyerLines): string {
  const [h, m] = hhmm.split(':').map(Number);
  if (lang !== 'easy') return `${h}:${String(m).padStart(2, '0')}`;
  return m === 0 ? `${h}じ` : `${h}じ${m}ふん`;
}

/** Day of a leap year (so 02-29 has a place) for "MM-DD". */
const dayOfYear = (mmdd: string): number => (Date.UTC(2000, Number(mmdd.slice(0, 2)) - 1, Number(mmdd.slice(3, 5))) - Date.UTC(2000, 0, 1)) / 86_400_000;
const mmddOf = (day: number): string => new Date(Date.UTC(2000, 0, 1) + day * 86_400_000).toISOString().slice(5, 10);

/**
 * The yearly closure days as ranges, e.g. 12-29 … 12-31 and 01-02, 01-03 → one range 12-29 to
 * 01-03: New Year's Day is always a national holiday, so a run may cross it (as 年末年始 does).
 */
export function closureRanges(closures: readonly string[]): [string, string][] {
  const yearly = new Set(closures.filter((c) => /^\d{2}-\d{2}$/.test(c)).map(dayOfYear));
  if (yearly.size === 0) return [];
  const closed = (d: number) => yearly.has((d + 366) % 366) || (d + 366) % 366 === 0;
  // Start the walk on a day that is open, so a run over the turn of the year stays whole.
  let start = 0;
  while (closed(start) && start < 366) start++;
  const out: [string, string][] = [];
  let from: number | null = null;
  for (let i = start + 1; i <= start + 366; i++) {
    const d = i % 366;
    if (closed(i) && from === null) from = d;
    if (!closed(i) && from !== null) {
      const to = (d + 365) % 366;
      // A run made only of New Year's Day is a holiday anyway, not a closure of the program's.
      if (!(from === 0 && to === 0)) out.push([mmddOf(from), mmddOf(to)]);
      from = null;
    }
  }
  return out;
}

function dateText(mmdd: string, lang: keyof FlyerLines): string {
  const m = Number(mmdd.slice(0, 2));
  const d = Number(mmdd.slice(3, 5));
  if (lang === 'en') return `${d} ${EN_MONTHS[m - 1]}`;
  return lang === 'easy' ? `${m}がつ${d}にち` : `${m}月${d}日`;
}

/** When chat is open, in the three languages, from the program's live hours. */
export function hoursLines(hours: OpeningHoursConfig): FlyerLines {
  if (hours.mode === 'always') return { ja: 'いつでも（24時間）', easy: 'いつでも', en: 'Any time, day and night' };
  const days = (l: keyof FlyerLines) => weekdaysText(hours.weekdays, l);
  return {
    ja: `${days('ja')}曜日 ${timeText(hours.open, 'ja')}〜${timeText(hours.close, 'ja')}`,
    easy: `${days('easy')} ${timeText(hours.open, 'easy')}〜${timeText(hours.close, 'easy')}`,
    en: `${days('en')}, ${timeText(hours.open, 'en')}–${timeText(hours.close, 'en')}`,
  };
}

/** When chat is closed besides the days not served: holidays and the yearly closure days. */
export function closedLines(hours: OpeningHoursConfig): FlyerLines | null {
  if (hours.mode === 'always') return null;
  const ranges = closureRanges(hours.closures);
  const range = (l: keyof FlyerLines) => ranges.map(([a, b]) => (a === b ? dateText(a, l) : `${dateText(a, l)}${l === 'en' ? '–' : '〜'}${dateText(b, l)}`));
  const ja = ['祝日', ...range('ja')].join('、');
  const easy = ['しゅくじつ', ...range('easy')].join('、');
  const en = ['public holidays', ...range('en')].join(', ');
  return { ja: `${ja}はお休みです`, easy: `${easy}は やすみです`, en: `Closed on ${en}` };
}
