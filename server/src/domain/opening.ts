import { type OpeningHoursConfig, type WidgetStatus, isOpen, nextOpening } from '@tsunagari/shared';
import { isJapaneseHoliday } from '@tsunagari/shared/holidays';
import type { Clock } from '../clock.js';

/** Whether chat takes new consultations now, by the configured hours and Japan's holidays. */
export class OpeningHours {
  constructor(
    private readonly config: OpeningHoursConfig,
    private readonly clock: Clock,
    private readonly alternatives: WidgetStatus['alternatives'],
    private readonly records: WidgetStatus['records'],
  ) {}

  isOpenNow(): boolean {
    return isOpen(this.config, this.clock.now(), isJapaneseHoliday);
  }

  /** What the widget shows before she starts. */
  status(): WidgetStatus {
    const now = this.clock.now();
    const open = isOpen(this.config, now, isJapaneseHoliday);
    return {
      open,
      nextOpening: open ? null : (nextOpening(this.config, now, isJapaneseHoliday)?.toISOString() ?? null),
      alternatives: this.alternatives,
      records: this.records,
    };
  }
}
