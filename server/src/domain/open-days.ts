import { fiscalYearOf, tokyoParts } from '@tsunagari/shared';
import { errors } from '../errors.js';

/**
 * Which days staff may still enter figures for: the case log and distribution events alike.
 * The open fiscal years are this one and, in April, also the last (March's work is often entered
 * once the year has turned, before the report goes to the prefecture).
 */
export function openFiscalYears(now: Date): number[] {
  const year = fiscalYearOf(now);
  return tokyoParts(now).ymd.slice(5, 7) === '04' ? [year - 1, year] : [year];
}

/** The fiscal year a Tokyo day (YYYY-MM-DD) belongs to. */
export function fiscalYearOfDay(ymd: string): number {
  return fiscalYearOf(new Date(`${ymd}T12:00:00+09:00`));
}

/** Throws DATE_OUT_OF_RANGE for a Tokyo day ahead of today or outside {@link openFiscalYears}. */
export function checkOpenDay(now: Date, ymd: string): void {
  if (ymd > tokyoParts(now).ymd) throw errors.dateOutOfRange('ahead of today');
  if (!openFiscalYears(now).includes(fiscalYearOfDay(ymd))) throw errors.dateOutOfRange('outside the open fiscal year');
}
