import { emptyFigures, emptyOutreachSection, type FiscalYearReport, fiscalYearMonths, type WaitFigures } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { csvField, reportCampaigns, reportFileName, reportToCsv } from './report-csv.js';

function report(): FiscalYearReport {
  const months = fiscalYearMonths(2026).map((m) => emptyFigures(m));
  const may = months[1]!;
  Object.assign(may, { consultations: 5, started: 3, answered: 2, leftWaiting: 1, recorded: 4, nuisance: 4 });
  may.byChannel.chat = 3;
  may.byChannel.phone = 2;
  may.byContact.first = 2;
  may.byDuration['15-30'] = 2;
  may.byTopic['子育て'] = 2;
  may.byOutcome.referral = 1;
  may.byAgeBand['30s'] = 1;
  may.byHandoff.phone = 1;
  may.byCampaign = { web: 1, 'ube-2026': 2 };
  const total = { ...emptyFigures('total'), consultations: 3, started: 3, answered: 2, leftWaiting: 1, recorded: 2, nuisance: 4 };
  total.byChannel.chat = 3;
  total.byTopic['子育て'] = 2;
  total.byCampaign = { 'ube-2026': 2, web: 1, '-x': 0 };
  const waits = (period: string, more: Partial<WaitFigures> = {}): WaitFigures => ({
    period, started: 0, answered: 0, leftWaiting: 0, answerRate: null, waitP50Sec: null, waitP90Sec: null, opened: 0, closed: 0, refused: 0, ...more,
  });
  const may2 = { started: 3, answered: 2, leftWaiting: 1, answerRate: 66.7, waitP50Sec: 95, waitP90Sec: 600, opened: 9, closed: 2, refused: 1 };
  return {
    fiscalYear: 2026,
    months,
    total,
    kpis: [],
    asOf: '2026-06-01',
    outreach: emptyOutreachSection(2026),
    distribution: { events: [], total: { events: 0, sets: 0, flyers: 0, chatsAfter: 0 } },
    waits: {
      months: fiscalYearMonths(2026).map((m) => waits(m, m === '2026-05' ? may2 : {})),
      days: [waits('2026-05-02', may2)],
      total: waits('total', may2),
    },
  };
}

const lines = (csv: string) => csv.slice(1).split('\r\n');

describe('report CSV for the prefecture', () => {
  it('starts with a BOM, ends lines with CRLF and has a header, twelve months and a total', () => {
    const csv = reportToCsv(report());
    expect(
      csv.startsWith(
        '\uFEFF月,相談件数（全チャネル）,チャネル：SNS（チャット）,チャネル：電話,チャネル：メール,チャネル：面接,チャネル：リモート,相談の申し込み,対応,待つ間に離れた,記録済み,いたずら・迷惑（件数に含めず）,主訴：生活困窮',
      ),
    ).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/\n/);
    // The main table is the first block: up to the first empty line (further tables follow it).
    const rows = lines(csv).slice(0, lines(csv).indexOf(''));
    expect(rows).toHaveLength(14);
    expect(rows[1]!.startsWith('2026年4月,0,0,0,0,0,0,0,0,0,0,0,')).toBe(true);
    expect(rows[2]!.startsWith('2026年5月,5,3,2,0,0,0,3,2,1,4,4,')).toBe(true);
    expect(rows[12]!.startsWith('2027年3月,')).toBe(true);
    // The nuisance chats stand apart, after the counts they are not part of.
    expect(rows[13]!.startsWith('合計,3,3,0,0,0,0,3,2,1,2,4,')).toBe(true);
  });

  it('has every channel, topic, outcome, age band, hand-off kind, contact and duration in the shared order, then the campaigns with web first', () => {
    const [header, , may] = lines(reportToCsv(report()));
    const cols = header!.split(',');
    expect(cols).toHaveLength(12 + 14 + 6 + 8 + 5 + 2 + 4 + 3);
    expect(cols.slice(26, 32)).toEqual([
      '結果：傾聴・助言',
      '結果：情報提供',
      '結果：他機関につないだ',
      '結果：ほかの相談方法へ（電話・面接・訪問・同行）',
      '結果：途中で終わった',
      '結果：その他',
    ]);
    expect(cols.slice(32, 40)).toContain('年代：わからない');
    expect(cols.slice(40, 45)).toEqual([
      'つないだ相談方法：電話相談',
      'つないだ相談方法：リモートカウンセリング',
      'つないだ相談方法：面接相談',
      'つないだ相談方法：家庭訪問',
      'つないだ相談方法：同行支援',
    ]);
    expect(cols.slice(45, 51)).toEqual(['初回・継続：初回', '初回・継続：継続', '時間：15分未満', '時間：15〜30分', '時間：30〜60分', '時間：60分以上']);
    expect(cols.slice(51)).toEqual(['きっかけ：ホームページ', "きっかけ：-x", 'きっかけ：ube-2026']);
    const cells = may!.split(',');
    expect(cells[cols.indexOf('主訴：子育て')]).toBe('2');
    expect(cells[cols.indexOf('結果：他機関につないだ')]).toBe('1');
    expect(cells[cols.indexOf('年代：30代')]).toBe('1');
    expect(cells[cols.indexOf('つないだ相談方法：電話相談')]).toBe('1');
    expect(cells[cols.indexOf('チャネル：電話')]).toBe('2');
    expect(cells[cols.indexOf('初回・継続：初回')]).toBe('2');
    expect(cells[cols.indexOf('時間：15〜30分')]).toBe('2');
    expect(cells[cols.indexOf('いたずら・迷惑（件数に含めず）')]).toBe('4');
    expect(cells.slice(51)).toEqual(['1', '0', '2']);
  });

  it('quotes per RFC 4180 and defuses fields Excel would run as formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(0)).toBe('0');
    expect(csvField('ube-2026')).toBe('ube-2026');
  });

  it('orders campaigns web first then by name, and names the file by year', () => {
    expect(reportCampaigns(report())).toEqual(['web', '-x', 'ube-2026']);
    expect(reportFileName(2026)).toBe('tsunagari-report-2026.csv');
  });
});
