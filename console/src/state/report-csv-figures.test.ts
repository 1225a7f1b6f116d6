import { describe, expect, it } from 'vitest';
import { chartReport } from '../charts/report-fixture.js';
import { reportToCsv } from './report-csv.js';

/** The CSV's blocks after the months' block: each a title row, a header and its rows. */
const blocks = (csv: string) => csv.slice(1).split('\r\n\r\n').map((b) => b.split('\r\n').filter(Boolean));

describe('the CSV blocks of targets and waits', () => {
  it('follows the months (and the KPI block) with the waits by month and by day, columns fixed', () => {
    const all = blocks(reportToCsv(chartReport()));
    const [months] = all;
    const kpis = all.find((b) => b[0]!.startsWith('【目標と実績】'))!;
    const waitMonths = all.find((b) => b[0] === '待ち時間と応答（月ごと）');
    const waitDays = all.find((b) => b[0] === '待ち時間と応答（日ごと）');
    expect(months).toHaveLength(14);
    // The KPI block (report-csv-kpis.ts) comes before the waits.
    expect(all.indexOf(kpis)).toBeLessThan(all.indexOf(waitMonths!));
    expect(kpis.slice(1)).toEqual(['項目キー,項目,目標,実績,達成率（%）,この時点の目安', 'homeVisits,家庭訪問（回）,40,20,50.0,10', 'phone,電話相談（件）,100,6,6.0,25']);
    const header = '期間,申し込み,対応,待つ間に離れた,応答率（%）,待ち時間 中央値（秒）,待ち時間 90%値（秒）,チャットを開いた回数,受付時間外の申し込み,制限で受けられなかった申し込み';
    expect(waitMonths!.slice(0, 2)).toEqual(['待ち時間と応答（月ごと）', header]);
    expect(waitMonths).toHaveLength(2 + 12 + 1);
    expect(waitMonths![2]).toBe('2026年4月,0,0,0,,,,0,0,0');
    expect(waitMonths![3]).toBe('2026年5月,3,2,1,66.7,95,600,9,2,1');
    expect(waitMonths![14]).toBe('合計,3,2,1,66.7,95,600,9,2,1');
    expect(waitDays).toEqual(['待ち時間と応答（日ごと）', header, '2026-05-02,3,2,1,66.7,95,600,9,2,1']);
  });

  it('leaves a result not recorded yet, and its achievement, as empty cells (never a word a sum would trip on)', () => {
    const report = chartReport();
    const csv = reportToCsv({ ...report, kpis: [{ key: 'phone', target: 1, result: null, achievement: null, expected: 0 }] });
    expect(blocks(csv).find((b) => b[0]!.startsWith('【目標と実績】'))!.slice(1)).toEqual(['項目キー,項目,目標,実績,達成率（%）,この時点の目安', 'phone,電話相談（件）,1,,,0']);
  });
});
