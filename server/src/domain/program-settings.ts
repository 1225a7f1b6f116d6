import type { OpeningHoursConfig, ProgramContacts, ProgramSettings, SettingsView } from '@tsunagari/shared';
import type { Clock } from '../clock.js';
import type { ProgramSettingsRepository } from '../repositories/types.js';
import { KeyedSerial } from './routing/serial.js';

/** Minutes of waiting from which the board shows the long-wait alert, unless configured otherwise. */
export const DEFAULT_LONG_WAIT_ALERT_MINUTES = 10;

/** Told the settings in force after a change, and whether it was saved on this node or another (issue 17). */
export type SettingsListener = (s: ProgramSettings, savedOn: 'here' | 'elsewhere') => void;

/**
 * The program's settings in force: hours, closure days, retention, the long-wait alert, offer
 * timeout and grace periods, and the program's phone and mail. The environment's values seed the database on the first start only;
 * from then on the stored values are the program's and an admin changes them in the console.
 * Every consumer reads them live ({@link OpeningHours}, routing, retention, the board) or is told
 * of a change through {@link onChange}: nothing needs a restart.
 */
export class ProgramSettingsService {
  private readonly listeners: SettingsListener[] = [];
  /** Saves one after another, so the settings in force are always the ones stored last. */
  private readonly saves = new KeyedSerial();

  private constructor(
    private readonly repo: ProgramSettingsRepository,
    private readonly clock: Clock,
    private current: ProgramSettings,
    private contacts: ProgramContacts,
  ) {}

  /**
   * Seeds the environment's values on the first start, then reads the settings in force. A
   * database from before the phone and mail were settings has none: the environment's, until saved.
   */
  static async load(repo: ProgramSettingsRepository, clock: Clock, firstStartDefaults: ProgramSettings, firstStartContacts: ProgramContacts): Promise<ProgramSettingsService> {
    await repo.seed(firstStartDefaults, clock.now().toISOString(), firstStartContacts);
    return new ProgramSettingsService(repo, clock, (await repo.get()) ?? firstStartDefaults, (await repo.contacts()) ?? firstStartContacts);
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
  save(next: ProgramSettings, contacts?: ProgramContacts): Promise<SettingsView> {
    return this.saves.run('settings', async () => {
      const nextContacts = contacts ?? this.contacts;
      await this.repo.put(next, this.clock.now().toISOString(), nextContacts);
      this.current = next;
      this.contacts = nextContacts;
      for (const listener of this.listeners) listener(next, 'here');
      return this.view();
    });
  }

  /**
   * Another relay node saved settings (issue 17): read them again from the database and apply
   * them here; listeners learn they came from `elsewhere` (that node told the consoles already).
   */
  reload(): Promise<void> {
    return this.saves.run('settings', async () => {
      const stored = await this.repo.get();
      this.contacts = (await this.repo.contacts()) ?? this.contacts;
      if (!stored || JSON.stringify(stored) === JSON.stringify(this.current)) return;
      this.current = stored;
      for (const listener of this.listeners) listener(stored, 'elsewhere');
    });
  }

  /** Calls `listener` with the settings now and after every change. */
  onChange(listener: SettingsListener): void {
    this.listeners.push(listener);
    listener(this.current, 'here');
  }
}
