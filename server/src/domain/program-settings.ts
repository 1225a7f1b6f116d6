import type { OpeningHoursConfig, ProgramSettings, SettingsView } from '@tsunagari/shared';
import type { Clock } from '../clock.js';
import type { ProgramSettingsRepository } from '../repositories/types.js';
import { KeyedSerial } from './routing/serial.js';

/** Minutes of waiting from which the board shows the long-wait alert, unless configured otherwise. */
export const DEFAULT_LONG_WAIT_ALERT_MINUTES = 10;

/**
 * The program's settings in force: hours, closure days, retention, the long-wait alert, offer
 * timeout and grace periods. The environment's values seed the database on the first start only;
 * from then on the stored values are the program's and an admin changes them in the console.
 * Every consumer reads them live ({@link OpeningHours}, routing, retention, the board) or is told
 * of a change through {@link onChange}: nothing needs a restart.
 */
export class ProgramSettingsService {
  private readonly listeners: ((s: ProgramSettings) => void)[] = [];
  /** Saves one after another, so the settings in force are always the ones stored last. */
  private readonly saves = new KeyedSerial();

  private constructor(
    private readonly repo: ProgramSettingsRepository,
    private readonly clock: Clock,
    private current: ProgramSettings,
    private readonly contacts: SettingsView['contacts'],
  ) {}

  /** Seeds the environment's values on the first start, then reads the settings in force. */
  static async load(repo: ProgramSettingsRepository, clock: Clock, firstStartDefaults: ProgramSettings, contacts: SettingsView['contacts']): Promise<ProgramSettingsService> {
    await repo.seed(firstStartDefaults, clock.now().toISOString());
    return new ProgramSettingsService(repo, clock, (await repo.get()) ?? firstStartDefaults, contacts);
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
  save(next: ProgramSettings): Promise<SettingsView> {
    return this.saves.run('settings', async () => {
      await this.repo.put(next, this.clock.now().toISOString());
      this.current = next;
      for (const listener of this.listeners) listener(next);
      return this.view();
    });
  }

  /** Calls `listener` with the settings now and after every change. */
  onChange(listener: (s: ProgramSettings) => void): void {
    this.listeners.push(listener);
    listener(this.current);
  }
}
