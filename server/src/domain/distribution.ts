import type { DistributionEvent, DistributionEventInput } from '@tsunagari/shared';
import { randomId, type Sodium } from '@tsunagari/shared/crypto';
import type { Clock } from '../clock.js';
import { errors } from '../errors.js';
import type { DistributionRepository } from '../repositories/types.js';
import type { CampaignList } from './campaigns.js';
import { checkOpenDay, fiscalYearOfDay, openFiscalYears } from './open-days.js';

/**
 * Distribution events (生理用品配布会, issue 16): supervisors record, correct and withdraw them
 * (the socket's roles say who); counselors list them. The socket schema has already refused a
 * place off the list and absurd counts; this checks the day against the clock, the campaign
 * against the admin's list, and keeps a closed fiscal year as it was reported. No sockets, no SQL.
 */
export class DistributionService {
  constructor(
    private readonly repo: DistributionRepository,
    private readonly campaigns: CampaignList,
    private readonly sodium: Sodium,
    private readonly clock: Clock,
  ) {}

  /** Records an event: DATE_OUT_OF_RANGE, UNKNOWN_CAMPAIGN; nothing stored on either. */
  async add(staffId: string, input: DistributionEventInput): Promise<DistributionEvent> {
    await this.check(input);
    const event = this.event(input, { id: randomId(this.sodium), staffId, recordedAt: this.clock.now().toISOString(), correctedAt: null });
    await this.repo.insert(event);
    return event;
  }

  /**
   * Replaces an event's fields (UNKNOWN_DISTRIBUTION_EVENT). An event of a closed fiscal year is
   * DATE_OUT_OF_RANGE: that year's figures went to the prefecture as they were.
   */
  async correct(eventId: string, input: DistributionEventInput): Promise<DistributionEvent> {
    const old = await this.open(eventId);
    await this.check(input);
    const event = this.event(input, { ...old, correctedAt: this.clock.now().toISOString() });
    if (!(await this.repo.correct(event))) throw errors.unknownDistributionEvent();
    return event;
  }

  /** Withdraws an event (kept, counted nowhere); the same checks as {@link correct}. */
  async withdraw(eventId: string): Promise<{ withdrawn: true }> {
    await this.open(eventId);
    if (!await this.repo.withdraw(eventId, this.clock.now().toISOString())) throw errors.unknownDistributionEvent();
    return { withdrawn: true };
  }

  /** The events of the open fiscal year(s), newest day first. */
  async list(): Promise<DistributionEvent[]> {
    const years = openFiscalYears(this.clock.now());
    const first = Math.min(...years);
    const last = Math.max(...years);
    return (await this.repo.between(`${first}-04-01`, `${last + 1}-03-31`)).reverse();
  }

  private async check(input: DistributionEventInput): Promise<void> {
    checkOpenDay(this.clock.now(), input.date);
    if (input.campaign !== undefined && !(await this.campaigns.all()).some((c) => c.name === input.campaign)) throw errors.unknownCampaign();
  }

  private async open(eventId: string): Promise<DistributionEvent> {
    const event = await this.repo.byId(eventId);
    if (!event) throw errors.unknownDistributionEvent();
    if (!openFiscalYears(this.clock.now()).includes(fiscalYearOfDay(event.date))) throw errors.dateOutOfRange('a closed fiscal year');
    return event;
  }

  private event(input: DistributionEventInput, meta: Pick<DistributionEvent, 'id' | 'staffId' | 'recordedAt' | 'correctedAt'>): DistributionEvent {
    return {
      id: meta.id,
      staffId: meta.staffId,
      date: input.date,
      municipality: input.municipality,
      partner: input.partner,
      sets: input.sets,
      flyers: input.flyers,
      campaign: input.campaign ?? null,
      recordedAt: meta.recordedAt,
      correctedAt: meta.correctedAt,
    };
  }
}
