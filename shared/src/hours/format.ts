import { tokyoParts } from './opening-hours.js';

/** UI languages: Japanese, やさしい日本語 (easy Japanese), English. */
export type Lang = 'ja' | 'ja-easy' | 'en';

const JA_WEEKDAYS = ['月', '火', '水', '木', '金', '土', '日'];
const EASY_WEEKDAYS = ['げつようび', 'かようび', 'すいようび', 'もくようび', 'きんようび', 'どようび', 'にちようび'];
const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "次は 12月1日（月）10:00 から", in Tokyo time, in the given language. */
export function nextOpeningText(opening: Date, lang: Lang): string {
  const { ymd, weekday, minutes } = tokyoParts(opening);
  const month = Number(ymd.slice(5, 7));
  const day = Number(ymd.slice(8, 10));
  const hh = Math.floor(minutes / 60);
  const mm = minutes % 60;
  const time = `${hh}:${String(mm).padStart(2, '0')}`;
  switch (lang) {
    case 'ja-easy':
      return `つぎは ${month}がつ${day}にち（${EASY_WEEKDAYS[weekday - 1]}）${mm === 0 ? `${hh}じ` : `${hh}じ${mm}ふん`} から です`;
    case 'en':
      return `Next open: ${EN_WEEKDAYS[weekday - 1]} ${day} ${EN_MONTHS[month - 1]}, from ${time}`;
    default:
      return `次は ${month}月${day}日（${JA_WEEKDAYS[weekday - 1]}）${time} から`;
  }
}
