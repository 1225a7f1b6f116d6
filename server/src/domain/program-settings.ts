import type { OpeningHoursConfig, ProgramContacts, ProgramSettings, SettingsView } from '@tsunagari/shared';
import type { Clock } from '../clock.js';
import type { ProgramSettingsRepository } from '../repositories/types.js';

/** Minutes of waiting from which the board shows the long-wait alert, unless configured otherwise. */
export const DEFAULT_LONG_WAIT_ALERT_MINUTES = 10;

/**
 * The program's settings in force: hours, closure days, retention, the long-wait alert, offer
 * timeout and grace periods, and the program's phone and mail. The environment's values seed the database on the first start only;
 * from then on the stored values are the program's and an admin changes them in the console.
 * Every consumer reads them live ({@link OpeningHours}, routing, retention, the board) or is told
 * of a change through {@link onChange}: nothing needs a restart.
 */
export class ProgramSettingsService {
  private current: ProgramSettings;
  private contacts: ProgramContacts;
  private readonly listeners: ((s: ProgramSettings) => void)[] = [];

  constructor(
    private readonly repo: ProgramSettingsRepository,
    private readonly clock: Clock,
    firstStartDefaults: ProgramSettings,
    firstStartContacts: ProgramContacts,
  ) {
    repo.seed(firstStartDefaults, clock.now().toISOString(), firstStartContacts);
    this.current = repo.get() ?? firstStartDefaults;
    // A database from before the phone and mail were settings has none: the environment's, until saved.
    this.contacts = repo.contacts() ?? firstStartContacts;
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

  /** The program's phone and mail in force now (the widget's alternatives, the flyers). */
  programContacts(): ProgramContacts {
    return this.contacts;
  }

  /**
   * Stores the admin's settings, and the phone and mail when given, and applies them at once
   * (already checked by the protocol's schema).
   */
  save(next: ProgramSettings, contacts?: ProgramContacts): SettingsView {
    const nextContacts = contacts ?? this.contacts;
    this.repo.put(next, this.clock.now().toISOString(), nextContacts);
    this.current = next;
    this.contacts = nextContacts;
    for (const listener of this.listeners) listener(next);
    return this.view();
  }

  /** Calls `listener` with the settings now and after every change. */
  onChange(listener: (s: ProgramSettings) => void): void {
    this.listeners.push(listener);
    listener(this.current);
  }
}
