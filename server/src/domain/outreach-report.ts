import { emptyOutreachSection, type OutreachSection, type OutreachVisit, type VisitKind } from '@tsunagari/shared';

/**
 * The year report's outreach section (issue 16): home visits and accompaniments done, by the Tokyo
 * month of their day; the year's accompaniments by agency and visits by duration band. A visit is
 * one row whichever route made it (an appointment marked 済み, or logged), so each counts once;
 * withdrawn ones are already left out. `purged` adds the visits the retention purge tallied by kind
 * before visits were kept as rows (they count in the year's totals, with no month or details).
 * Plain counting: no socket, no SQL, no clock.
 */
export function buildOutreachSection(fiscalYear: number, visits: readonly OutreachVisit[], purged: Partial<Record<VisitKind, number>> = {}): OutreachSection {
  const section = emptyOutreachSection(fiscalYear);
  const byMonth = new Map(section.months.map((m) => [m.month, m]));
  for (const visit of visits) {
    const month = byMonth.get(visit.date.slice(0, 7));
    if (!month) continue;
    month[visit.kind]++;
    section.total[visit.kind]++;
    section.byDuration[visit.durationBand ?? 'unknown']++;
    if (visit.kind === 'accompaniment') section.byAgency[visit.agency ?? 'unknown']++;
  }
  section.total.outreach += purged.outreach ?? 0;
  section.total.accompaniment += purged.accompaniment ?? 0;
  section.byAgency.unknown += purged.accompaniment ?? 0;
  section.byDuration.unknown += (purged.outreach ?? 0) + (purged.accompaniment ?? 0);
  return section;
}
