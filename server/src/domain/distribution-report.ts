import { type DistributionEvent, type DistributionReport, followUpLastDay } from '@tsunagari/shared';

/** The consultations started under a campaign in [from, to) (ISO instants): their ids. */
export type CampaignStarts = (campaign: string, fromIso: string, toIso: string) => Promise<readonly string[]>;

/** The instant a Tokyo day (YYYY-MM-DD) begins. */
function tokyoDayStart(ymd: string): string {
  return new Date(`${ymd}T00:00:00+09:00`).toISOString();
}

/**
 * The year report's distribution section: the year's events (as they stand: corrected, withdrawn
 * ones left out) by day, and per event with a campaign the chats started under that campaign from
 * the event's Tokyo day through the 30th day after it (`followUpLastDay`), nuisance left out. The
 * window may run into the next fiscal year: an event in late March still gets its April chats.
 * Two events of one campaign whose windows overlap each count a chat in both; the total counts
 * each chat once.
 */
export async function distributionSection(events: readonly DistributionEvent[], starts: CampaignStarts): Promise<DistributionReport> {
  const counted = new Set<string>();
  const lines = [];
  for (const e of events) {
    let chatsAfter: number | null = null;
    if (e.campaign !== null) {
      const ids = await starts(e.campaign, tokyoDayStart(e.date), tokyoDayStart(nextDay(followUpLastDay(e.date))));
      for (const id of ids) counted.add(id);
      chatsAfter = ids.length;
    }
    lines.push({ date: e.date, municipality: e.municipality, partner: e.partner, sets: e.sets, flyers: e.flyers, campaign: e.campaign, chatsAfter });
  }
  return {
    events: lines,
    total: {
      events: lines.length,
      sets: lines.reduce((sum, l) => sum + l.sets, 0),
      flyers: lines.reduce((sum, l) => sum + l.flyers, 0),
      chatsAfter: counted.size,
    },
  };
}

function nextDay(ymd: string): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
