import { emptyFigures, emptyOutreachSection, emptyWaitReport, type FiscalYearReport, fiscalYearMonths } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { reportToCsv } from './report-csv.js';

function report(change: Partial<FiscalYearReport> = {}): FiscalYearReport {
  return {
    fiscalYear: 2026,
    months: fiscalYearMonths(2026).map((m) => emptyFigures(m)),
    total: emptyFigures('total'),
    kpis: [],
    asOf: '2026-07-01',
    outreach: emptyOutreachSection(2026),
    distribution: { events: [], total: { events: 0, sets: 0, flyers: 0, chatsAfter: 0 } },
    waits: emptyWaitReport(fiscalYearMonths(2026)),
    ...change,
  };
}

/**
 * The distribution block's lines, from the empty line before its title to the end of the file (it
 * is the last block, after the months, 目標と実績 and the visits); null when the file has none.
 */
const block = (r: FiscalYearReport): string[] | null => {
  const lines = reportToCsv(r).slice(1).split('\r\n');
  const title = lines.indexOf('生理用品配布会');
  return title < 0 ? null : lines.slice(title - 1);
};

describe("the report CSV's distribution block", () => {
  it('comes last, after the months, the targets and the visits: title, header, one row per event, the total, then the target and achievement', () => {
    const r = report({
      kpis: [{ key: 'distributionSets', target: 800, result: 110, achievement: 13.8, expected: 200 }],
      distribution: {
        events: [
          { date: '2026-06-10', municipality: '宇部市', partner: 'こども食堂うべ', sets: 70, flyers: 80, campaign: 'ube-2026', chatsAfter: 2 },
          { date: '2026-06-11', municipality: '萩市', partner: '.Style, 萩', sets: 40, flyers: 0, campaign: null, chatsAfter: null },
        ],
        total: { events: 2, sets: 110, flyers: 80, chatsAfter: 2 },
      },
    });
    expect(block(r)).toEqual([
      '',
      '生理用品配布会',
      '開催日,市町,連携団体,配ったセット数,配ったチラシの数,チラシのキャンペーン,その後30日のチャット',
      '2026-06-10,宇部市,こども食堂うべ,70,80,ube-2026,2',
      '2026-06-11,萩市,".Style, 萩",40,0,,',
      '合計（2回）,,,110,80,,2',
      'セット数の目標,,,800,,,',
      '達成率,,,13.8%,,,',
      '',
    ]);
  });

  it('keeps a sets target with no event yet, and has no block with neither', () => {
    expect(block(report({ kpis: [{ key: 'distributionSets', target: 800, result: 0, achievement: 0, expected: 200 }] }))?.slice(1, 7)).toEqual([
      '生理用品配布会',
      '開催日,市町,連携団体,配ったセット数,配ったチラシの数,チラシのキャンペーン,その後30日のチャット',
      '合計（0回）,,,0,0,,0',
      'セット数の目標,,,800,,,',
      '達成率,,,0.0%,,,',
      '',
    ]);
    expect(block(report())).toBeNull();
  });

  it('defuses a partner name Excel would run as a formula', () => {
    const evil = { date: '2026-06-10', municipality: '宇部市' as const, sets: 1, flyers: 1, campaign: null, chatsAfter: null };
    const r = report({
      distribution: {
        events: ['=HYPERLINK("http://x")', '+81-836', '-1', '@SUM(A1)'].map((partner) => ({ ...evil, partner })),
        total: { events: 4, sets: 4, flyers: 4, chatsAfter: 0 },
      },
    });
    expect(block(r)?.slice(3, 7).map((line) => line.split(',')[2])).toEqual([`"'=HYPERLINK(""http://x"")"`, "'+81-836", "'-1", "'@SUM(A1)"]);
  });
});
