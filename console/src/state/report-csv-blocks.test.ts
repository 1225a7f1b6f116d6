import { emptyFigures, emptyOutreachSection, emptyWaitReport, type FiscalYearReport, fiscalYearMonths } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { reportToCsv } from './report-csv.js';

/** A year with targets and some visits done. */
function report(): FiscalYearReport {
  const outreach = emptyOutreachSection(2022);
  outreach.months[5]!.outreach = 3;
  outreach.months[5]!.accompaniment = 1;
  outreach.total.outreach = 3;
  outreach.total.accompaniment = 1;
  outreach.byAgency['dv-center'] = 1;
  outreach.byDuration['30-60'] = 4;
  return {
    fiscalYear: 2022,
    months: fiscalYearMonths(2022).map((m) => emptyFigures(m)),
    total: emptyFigures('total'),
    kpis: [
      { key: 'homeVisits', target: 45, result: 43, achievement: 95.6, expected: 45 },
      { key: 'accompaniments', target: 18, result: 9, achievement: 50, expected: 18 },
      { key: 'distributionSets', target: 800, result: null, achievement: null, expected: 800 },
      { key: 'mail', target: 0, result: 3, achievement: null, expected: 0 },
    ],
    asOf: '2023-03-31',
    outreach,
    distribution: { events: [], total: { events: 0, sets: 0, flyers: 0, chatsAfter: 0 } },
    waits: emptyWaitReport(fiscalYearMonths(2022)),
  };
}

/** The CSV's blocks: runs of lines between empty lines, each split into cells. */
function blocks(csv: string): string[][][] {
  return csv
    .slice(1)
    .trimEnd()
    .split('\r\n\r\n')
    .map((block) => block.split('\r\n').map((line) => line.split(',')));
}

describe('report CSV: the blocks after the main table', () => {
  it('has the KPI table as its own block with stable columns: key, name, target, result, achievement to one decimal, pace', () => {
    const kpis = blocks(reportToCsv(report()))[1]!;
    expect(kpis).toEqual([
      ['【目標と実績】2023-03-31時点'],
      ['項目キー', '項目', '目標', '実績', '達成率（%）', 'この時点の目安'],
      ['homeVisits', '家庭訪問（回）', '45', '43', '95.6', '45'],
      ['accompaniments', '同行支援（回）', '18', '9', '50.0', '18'],
      ['distributionSets', '生理用品の配布（セット）', '800', '', '', '800'],
      ['mail', 'メール相談（件）', '0', '3', '', '0'],
    ]);
  });

  it('keeps the KPI block (title and header) even in a year with no target, so the file shape does not change', () => {
    const kpis = blocks(reportToCsv({ ...report(), kpis: [] }))[1]!;
    expect(kpis).toEqual([['【目標と実績】2023-03-31時点'], ['項目キー', '項目', '目標', '実績', '達成率（%）', 'この時点の目安']]);
  });

  it('has visits done by month with a total, accompaniments by every agency, and visits by every duration band', () => {
    const [, , byMonth, byAgency, byDuration] = blocks(reportToCsv(report()));
    expect(byMonth![0]).toEqual(['【家庭訪問・同行支援（実施）】']);
    expect(byMonth![1]).toEqual(['月', '家庭訪問', '同行支援']);
    expect(byMonth).toHaveLength(2 + 12 + 1);
    expect(byMonth![7]).toEqual(['2022年9月', '3', '1']);
    expect(byMonth![14]).toEqual(['合計', '3', '1']);
    expect(byAgency).toEqual([
      ['【同行支援の同行先】'],
      ['同行先', '回数'],
      ['役所', '0'],
      ['警察', '0'],
      ['病院', '0'],
      ['法テラス', '0'],
      ['配偶者暴力相談支援センター', '1'],
      ['他', '0'],
      ['記録なし', '0'],
    ]);
    expect(byDuration).toEqual([['【訪問・同行の時間】'], ['時間', '回数'], ['15分未満', '0'], ['15〜30分', '0'], ['30〜60分', '4'], ['60分以上', '0'], ['記録なし', '0']]);
  });

  it('guards the blocks against formula injection like the rest: a field Excel would run gets an apostrophe', () => {
    // The report comes from the relay: one that lies could send a key that is a formula.
    const hostile = { key: '=HYPERLINK("x")', target: 1, result: 0, achievement: 0, expected: 1 } as unknown as FiscalYearReport['kpis'][number];
    const csv = reportToCsv({ ...report(), kpis: [hostile] });
    expect(csv.split('\r\n')).toContain(`"'=HYPERLINK(""x"")",undefined,1,0,0.0,1`);
  });
});
