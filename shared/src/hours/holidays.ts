import holidayJp from '@holiday-jp/holiday_jp';
import type { HolidayCheck } from './opening-hours.js';

/**
 * National and substitute holidays from @holiday-jp/holiday_jp (maintained; data to 2050).
 * Its table is keyed by date "YYYY-MM-DD", which is exactly the Tokyo date we look up.
 * Kept in its own module so the widget, which never imports it, does not carry the table.
 */
export const isJapaneseHoliday: HolidayCheck = (ymd) => Object.hasOwn(holidayJp.holidays, ymd);
