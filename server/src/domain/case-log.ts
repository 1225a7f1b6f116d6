import { type CaseLogEntry, type CaseLogInput, type SealedCaseNote, type StaffRole, fiscalYearOf, tokyoParts } from '@tsunagari/shared';
import { randomId, type Sodium } from '@tsunagari/shared/crypto';
import type { Clock } from '../clock.js';
import { errors } from '../errors.js';
import type { CaseLogRepository } from '../repositories/types.js';
import { checkOpenDay, openFiscalYears } from './open-days.js';

/** How far back "her recent entries" reach in the console's list, and how many at most. */
const MINE_DAYS = 30;
const MINE_LIMIT = 50;

/** Who is acting: her id, and her role (a supervisor may correct anyone's entry). */
export interface CaseLogActor {
  staffId: string;
  role: StaffRole;
}

/**
 * The case log of consultations that did not start in the chat (issue 16): phone, mail, interview,
 * remote. The socket schema has already refused unknown words; this checks the day against the
 * clock and who may touch an entry. Knows nothing of sockets or SQL.
 */
export class CaseLogService {
  constructor(
    private readonly log: CaseLogRepository,
    private readonly sodium: Sodium,
    private readonly clock: Clock,
  ) {}

  /** Logs one consultation. DATE_OUT_OF_RANGE for a day ahead of today or outside {@link openYears}. */
  async add(actor: CaseLogActor, input: CaseLogInput): Promise<CaseLogEntry> {
    this.checkDay(input.date);
    const entry = this.entry(input, { id: randomId(this.sodium), staffId: actor.staffId, recordedAt: this.clock.now().toISOString(), correctedAt: null });
    await this.log.insert(entry);
    return entry;
  }

  /** Replaces an entry's fields: its maker or a supervisor (FORBIDDEN), an entry that exists (UNKNOWN_CASE_LOG). */
  async correct(actor: CaseLogActor, entryId: string, input: CaseLogInput): Promise<CaseLogEntry> {
    const old = await this.mayChange(actor, entryId);
    this.checkDay(input.date);
    const entry = this.entry(input, { ...old, correctedAt: this.clock.now().toISOString() });
    if (!(await this.log.correct(entry))) throw errors.unknownCaseLog();
    return entry;
  }

  /** Withdraws an entry (kept, counted nowhere): its maker or a supervisor. */
  async withdraw(actor: CaseLogActor, entryId: string): Promise<{ withdrawn: true }> {
    await this.mayChange(actor, entryId);
    if (!await this.log.withdraw(entryId, this.clock.now().toISOString())) throw errors.unknownCaseLog();
    return { withdrawn: true };
  }

  /** Her own entries of the last {@link MINE_DAYS} days, newest first. */
  mine(staffId: string): Promise<CaseLogEntry[]> {
    const since = new Date(this.clock.now().getTime() - MINE_DAYS * 86_400_000).toISOString();
    return this.log.mine(staffId, since, MINE_LIMIT);
  }

  /** Supervisor: the sealed notes of a fiscal year's entries; only the records key opens them, never here. */
  notes(fiscalYear: number): Promise<SealedCaseNote[]> {
    return this.log.notes(`${fiscalYear}-04-01`, `${fiscalYear + 1}-03-31`);
  }

  /**
   * The fiscal years an entry may be dated in: this one, and in April also the last (March's
   * calls are often entered once the year has turned, before the report goes to the prefecture).
   */
  openYears(): number[] {
    return openFiscalYears(this.clock.now());
  }

  /** DATE_OUT_OF_RANGE unless the Tokyo day is not ahead of today and in {@link openYears} (visits share the rule). */
  checkDay(ymd: string): void {
    checkOpenDay(this.clock.now(), ymd);
  }

  private async mayChange(actor: CaseLogActor, entryId: string): Promise<CaseLogEntry> {
    const entry = await this.log.byId(entryId);
    if (!entry) throw errors.unknownCaseLog();
    if (entry.staffId !== actor.staffId && actor.role !== 'supervisor') throw errors.forbidden('not her entry');
    return entry;
  }

  private entry(input: CaseLogInput, meta: Pick<CaseLogEntry, 'id' | 'staffId' | 'recordedAt' | 'correctedAt'>): CaseLogEntry {
    return {
      id: meta.id,
      staffId: meta.staffId,
      channel: input.channel,
      date: input.date,
      durationBand: input.durationBand,
      contact: input.contact,
      topics: input.topics,
      outcome: input.outcome,
      ageBand: input.ageBand ?? null,
      note: input.note ?? null,
      recordedAt: meta.recordedAt,
      correctedAt: meta.correctedAt,
    };
  }
}
