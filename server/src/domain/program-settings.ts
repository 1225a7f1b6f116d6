import type { OpeningHoursConfig, ProgramSettings, SettingsView } from '@tsunagari/shared';
import type { Clock } from '../clock.js';
import type { ProgramSettingsRepository } from '../repositories/types.js';

/** Minutes of waiting from which the board shows the long-wait alert, unless configured otherwise. */
export const DEFAULT_LONG_WAIT_ALERT_MINUTES = 10;

/** Told the settings in force after a change, and whether it was saved on this node or another (issue 17). */
export type SettingsListener = (s: ProgramSettings, savedOn: 'here' | 'elsewhere') => void;

/**
 * The program's settings in force: hours, closure days, retention, the long-wait alert, offer
 * timeout and grace periods. The environment's values seed the database on the first start only;
 * from then on the stored values are the program's and an admin changes them in the console.
 * Every consumer reads them live ({@link OpeningHours}, routing, retention, the board) or is told
 * of a change through {@link onChange}: nothing needs a restart.
 */
export class ProgramSettingsService {
  private current: ProgramSettings;
  private readonly listeners: SettingsListener[] = [];

  constructor(
    private readonly repo: ProgramSettingsRepository,
    private readonly clock: Clock,
    firstStartDefaults: ProgramSettings,
    private readonly contacts: SettingsView['contacts'],
  ) {
    repo.seed(firstStartDefaults, clock.now().toISOString());
    this.current = repo.get() ?? firstStartDefaults;
  }

  /** The settings in force now. */
  get(): ProgramSettings {
    return this.current;
  }

  /** What staff read: the settings and the program's phone and mail. */
  view(): SettingsView {
    return { settings: this.current, contacts: this.contacts };
  }

  /** The opening hours in force now. */
  hours(): OpeningHoursConfig {
    return this.current.hours;
  }

  /** Stores the admin's settings and applies them at once (already checked by the protocol's schema). */
  save(next: ProgramSettings): SettingsView {
    this.repo.put(next, this.clock.now().toISOString());
    this.current = next;
    for (const listener of this.listeners) listener(next, 'here');
    return this.view();
  }

  /**
   * Another relay node saved settings (issue 17): read them again from the database and apply
   * them here; listeners learn they came from `elsewhere` (that node told the consoles already).
   */
  reload(): void {
    const stored = this.repo.get();
    if (!stored || JSON.stringify(stored) === JSON.stringify(this.current)) return;
    this.current = stored;
    for (const listener of this.listeners) listener(stored, 'elsewhere');
  }

  /** Calls `listener` with the settings now and after every change. */
  onChange(listener: SettingsListener): void {
    this.listeners.push(listener);
    listener(this.current, 'here');
  }
}
