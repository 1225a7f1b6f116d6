import { AGE_BANDS, CHANNELS, CONTACT_KINDS, DURATION_BANDS, type FiscalYearReport, HANDOFF_KINDS, OUTCOMES, type ReportFigures, TOPICS } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';
import { kpiCsvBlock } from './report-csv-kpis.js';
import { outreachCsvBlocks } from './report-csv-outreach.js';
import { distributionCsvRows } from './distribution-csv.js';
import { figuresCsvBlocks } from './report-csv-figures.js';

const r = ja.report;

/** Byte order mark: Excel in Japan reads a CSV without it as Shift_JIS and garbles the kana. */
export const CSV_BOM = '\uFEFF';

/**
 * Campaigns of the year in a stable order: 'web' (the NPO's own page) first, then by name.
 * Months without a campaign simply show 0 in its column.
 */
export function reportCampaigns(report: FiscalYearReport): string[] {
  const names = new Set<string>();
  for (const f of [...report.months, report.total]) for (const name of Object.keys(f.byCampaign)) names.add(name);
  return [...names].sort((a, b) => (a === 'web' ? -1 : b === 'web' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** What a campaign is called on screen and in the file. */
export function campaignLabel(name: string): string {
  return name === 'web' ? r.web : name === 'other' ? r.otherCampaign : name;
}

/**
 * One CSV field. A field Excel would run as a formula (= + - @, or a leading tab / CR) gets a
 * leading apostrophe: campaign names come from flyer URLs, and a file for the prefecture must not
 * carry something that runs when opened. Then RFC 4180 quoting where needed.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The fiscal-year report as the prefecture's CSV: a header, one row per month (April first) and a
 * 合計 row. Columns: month, the consultations of every channel and one column per channel, the
 * chat's four counts, the nuisance chats (counted in none of the others), then every topic, outcome,
 * age band, hand-off kind, contact kind and duration band in the shared lists' order (so columns
 * never move between years), then the year's campaigns.
 * After it, each further table is its own block, after an empty line: a title line, a header and
 * its lines (目標と実績, the outreach blocks, the waits by month and by day, then the distribution
 * events when the year has any or a sets target); a block's columns never move either.
 * UTF-8 with a BOM and CRLF line ends, as Excel expects.
 */
export function reportToCsv(report: FiscalYearReport): string {
  const campaigns = reportCampaigns(report);
  const ageKeys = [...AGE_BANDS, 'unknown'] as const;
  const header = [
    r.month,
    r.consultations,
    ...CHANNELS.map((c) => `${r.channel}：${r.channels[c]}`),
    r.started,
    r.answered,
    r.leftWaiting,
    r.recorded,
    r.nuisance,
    ...TOPICS.map((t) => `${r.byTopic}：${t}`),
    ...OUTCOMES.map((o) => `${r.byOutcome}：${ja.record.outcomes[o]}`),
    ...ageKeys.map((a) => `${r.byAgeBand}：${ja.record.ageBands[a]}`),
    ...HANDOFF_KINDS.map((k) => `${r.byHandoff}：${ja.handoff.kinds[k]}`),
    ...CONTACT_KINDS.map((k) => `${r.byContact}：${r.contacts[k]}`),
    ...DURATION_BANDS.map((d) => `${r.byDuration}：${r.durations[d]}`),
    ...campaigns.map((c) => `${r.byCampaign}：${campaignLabel(c)}`),
  ];
  const row = (f: ReportFigures, month: string): (string | number)[] => [
    month,
    f.consultations,
    ...CHANNELS.map((c) => f.byChannel[c] ?? 0),
    f.started,
    f.answered,
    f.leftWaiting,
    f.recorded,
    f.nuisance ?? 0,
    ...TOPICS.map((t) => f.byTopic[t] ?? 0),
    ...OUTCOMES.map((o) => f.byOutcome[o] ?? 0),
    ...ageKeys.map((a) => f.byAgeBand[a] ?? 0),
    ...HANDOFF_KINDS.map((k) => f.byHandoff[k] ?? 0),
    ...CONTACT_KINDS.map((k) => f.byContact[k] ?? 0),
    ...DURATION_BANDS.map((d) => f.byDuration[d] ?? 0),
    ...campaigns.map((c) => f.byCampaign[c] ?? 0),
  ];
  const rows = [header, ...report.months.map((f) => row(f, r.monthLabel(f.month))), row(report.total, r.total)];
  const distribution = distributionCsvRows(report);
  const blocks = [rows, kpiCsvBlock(report), ...outreachCsvBlocks(report), ...figuresCsvBlocks(report), ...(distribution.length > 0 ? [distribution] : [])];
  return CSV_BOM + blocks.map((block) => block.map((cells) => cells.map(csvField).join(',')).join('\r\n')).join('\r\n\r\n') + '\r\n';
}

/** The file name the browser saves it under. */
export function reportFileName(fiscalYear: number): string {
  return `tsunagari-report-${fiscalYear}.csv`;
}
