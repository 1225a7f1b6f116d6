import { type OpeningHoursConfig, type WidgetStatus, isOpen, nextOpening } from '@tsunagari/shared';
import { isJapaneseHoliday } from '@tsunagari/shared/holidays';
import type { Clock } from '../clock.js';

/**
 * Whether chat takes new consultations now, by the program's hours and Japan's holidays. The
 * hours and the retention period are read at each call (`hours()`, `records()`): an admin's change
 * in the console applies to the very next status and start, without a restart. Everything about
 * opening hours, holidays and closure days goes through this class.
 */
export class OpeningHours {
  constructor(
    private readonly hours: () => OpeningHoursConfig,
    private readonly clock: Clock,
    private readonly alternatives: WidgetStatus['alternatives'],
    private readonly records: () => WidgetStatus['records'],
  ) {}

  /** The hours in force now (weekdays, times, closure days). */
  config(): OpeningHoursConfig {
    return this.hours();
  }

  isOpenNow(): boolean {
    return isOpen(this.hours(), this.clock.now(), isJapaneseHoliday);
  }

  /** What the widget shows before she starts. */
  status(): WidgetStatus {
    const now = this.clock.now();
    const hours = this.hours();
    const open = isOpen(hours, now, isJapaneseHoliday);
    return {
      open,
      nextOpening: open ? null : (nextOpening(hours, now, isJapaneseHoliday)?.toISOString() ?? null),
      alternatives: this.alternatives,
      records: this.records(),
    };
  }
}
