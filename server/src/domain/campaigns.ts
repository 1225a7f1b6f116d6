import type { Campaign, CampaignSavePayload } from '@tsunagari/shared';
import type { Clock } from '../clock.js';
import type { CampaignRepository } from '../repositories/types.js';

/** What a start naming a campaign not on the list (or not active) is recorded as. */
export const OTHER_CAMPAIGN = 'other';

/**
 * The campaigns the admin keeps (the QR flyers and posters in use). A start through `/c/<name>`
 * counts under that name only while it is on the list and active; anything else is 'other', so a
 * script cannot invent columns in the prefecture's report. The active names are kept in memory:
 * every start asks.
 */
export class CampaignList {
  private active: Promise<Set<string>> | null = null;

  constructor(
    private readonly repo: CampaignRepository,
    private readonly clock: Clock,
  ) {}

  /** The list, by name. */
  all(): Promise<Campaign[]> {
    return this.repo.all();
  }

  /** Adds or changes one; the list as it now stands. */
  async save(input: CampaignSavePayload): Promise<Campaign[]> {
    await this.repo.save({ ...input, updatedAt: this.clock.now().toISOString() });
    this.active = null;
    return this.all();
  }

  /** The campaign a start is recorded under: its own name while active on the list, else 'other'; none stays none. */
  async recordedAs(name: string | undefined): Promise<string | undefined> {
    if (name === undefined) return undefined;
    // The read itself is kept, so starts that come while it is on its way share it.
    this.active ??= this.repo.all().then((all) => new Set(all.filter((c) => c.active).map((c) => c.name)));
    const active = this.active;
    try {
      return (await active).has(name) ? name : OTHER_CAMPAIGN;
    } catch (caught) {
      if (this.active === active) this.active = null; // read again next time
      throw caught;
    }
  }
}
