import { describe, expect, it } from 'vitest';
import type { CaseLogEntry } from '@tsunagari/shared';
import { reportRow as row } from '../../test/report-row.js';
import type { ReportRow } from './types.js';
import { buildFiscalYearReport, tokyoMonthOf } from './reports.js';


/** Answered and ended, with a record. */
const recorded = (queuedAt: string, record: ReportRow['record'], campaign: string | null = null): ReportRow =>
  row(queuedAt, { assignedAt: queuedAt, endedAt: queuedAt, endReason: 'ended', campaign, record });

describe('the fiscal-year report', () => {
  it('puts a consultation in the Tokyo month she came in: 2026-04-30T15:30Z is 1 May in Tokyo', () => {
    expect(tokyoMonthOf('2026-04-30T14:59:59.999Z')).toBe('2026-04');
    expect(tokyoMonthOf('2026-04-30T15:30:00.000Z')).toBe('2026-05');
    const report = buildFiscalYearReport(2026, [row('2026-04-30T14:59:59.999Z'), row('2026-04-30T15:30:00.000Z')]);
    expect(report.months.map((m) => m.month)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03']);
    expect(report.months[0]?.started).toBe(1);
    expect(report.months[1]?.started).toBe(1);
    expect(report.total.started).toBe(2);
  });

  it('turns the year at 1 April 00:00 Tokyo: the evening of 31 March (UTC) already belongs to the next year', () => {
    // 31 March 2027 23:59 Tokyo is March of FY2026; 1 April 2027 00:00 Tokyo (31 March 15:00Z) is FY2027.
    const rows = [row('2027-03-31T14:59:00.000Z'), row('2027-03-31T15:00:00.000Z'), row('2026-03-31T14:59:59.000Z')];
    const fy2026 = buildFiscalYearReport(2026, rows);
    expect(fy2026.months[11]).toMatchObject({ month: '2027-03', started: 1 });
    expect(fy2026.total.started).toBe(1);
    const fy2027 = buildFiscalYearReport(2027, rows);
    expect(fy2027.months[0]).toMatchObject({ month: '2027-04', started: 1 });
    expect(fy2027.total.started).toBe(1);
  });

  it('counts started, answered, left waiting and recorded as the board does, and the record only of answered chats', () => {
    const t = '2026-06-10T01:00:00.000Z';
    const report = buildFiscalYearReport(2026, [
      recorded(t, { topics: ['虐待・DV', '子育て'], outcome: 'referral', ageBand: '30s' }, 'flyer-ube'),
      recorded(t, { topics: ['生活困窮'], outcome: 'listened', ageBand: null }),
      // Answered, still open, no record yet.
      row(t, { assignedAt: t }),
      // She left before anyone took her up (her choice, quick exit or timeout).
      row(t, { endedAt: t, endReason: 'quick_exit', campaign: 'flyer-ube' }),
      row(t, { endedAt: t, endReason: 'abandoned' }),
      // Still waiting: started only.
      row(t),
      // A record on a row that does not say a counselor took her up (a requeued chat from before the
      // `taken` column whose requeue time the retention purge had cleared): not answered, its record not counted.
      row(t, { endedAt: t, endReason: 'ended', record: { topics: ['孤独'], outcome: 'other', ageBand: '20s' } }),
    ]);
    const june = report.months[2];
    expect(june).toMatchObject({ month: '2026-06', started: 7, answered: 3, leftWaiting: 3, recorded: 2 });
    expect(june?.byTopic).toMatchObject({ '虐待・DV': 1, 子育て: 1, 生活困窮: 1, 孤独: 0 });
    expect(june?.byOutcome).toMatchObject({ referral: 1, listened: 1, other: 0 });
    expect(june?.byAgeBand).toMatchObject({ '30s': 1, unknown: 1, '20s': 0 });
    expect(june?.byCampaign).toEqual({ 'flyer-ube': 2, web: 5 });
    expect(report.total).toEqual({ ...june, month: 'total' });
  });

  it('counts a chat a counselor took up as answered whatever its ending: requeued when her grace ran out, then she left (the lead\'s decision)', () => {
    const t = '2026-06-10T01:00:00.000Z';
    const report = buildFiscalYearReport(2026, [
      // Taken up, back to the queue, she left: answered, its end kept as it was (abandoned), its record counted.
      row(t, { taken: true, endedAt: t, endReason: 'abandoned', record: { topics: ['孤独'], outcome: 'listened', ageBand: '20s' } }),
      // Taken up, back to the queue, still waiting: answered too.
      row(t, { taken: true }),
      // Never taken up, left: left waiting.
      row(t, { endedAt: t, endReason: 'abandoned' }),
    ]);
    expect(report.months[2]).toMatchObject({ started: 3, answered: 2, leftWaiting: 1, recorded: 1 });
    expect(report.months[2]?.byTopic).toMatchObject({ 孤独: 1 });
  });

  it('makes the total the sum of the months, with every column present even when empty', () => {
    const report = buildFiscalYearReport(2026, [
      recorded('2026-04-01T00:00:00.000Z', { topics: ['介護'], outcome: 'handoff', ageBand: '50s' }, 'fair'),
      recorded('2027-02-01T00:00:00.000Z', { topics: ['介護', '医療費'], outcome: 'handoff', ageBand: '50s' }),
    ]);
    expect(report).toMatchObject({ fiscalYear: 2026 });
    expect(report.total).toMatchObject({ consultations: 2, byChannel: { chat: 2, phone: 0, mail: 0, interview: 0, remote: 0 } });
    expect(report.total).toMatchObject({ started: 2, answered: 2, recorded: 2, leftWaiting: 0 });
    expect(report.total.byTopic).toMatchObject({ 介護: 2, 医療費: 1 });
    expect(report.total.byOutcome.handoff).toBe(2);
    expect(report.total.byAgeBand['50s']).toBe(2);
    expect(report.total.byCampaign).toEqual({ fair: 1, web: 1 });
    expect(Object.keys(report.months[5]?.byTopic ?? {})).toHaveLength(14);
    expect(report.months[5]?.byCampaign).toEqual({});
  });
  it('counts hand-offs by kind in the month the chat came, whatever became of the chat, every kind present', () => {
    const report = buildFiscalYearReport(2026, [
      // Came on 31 May late evening in Tokyo (May), two hand-offs booked from it.
      row('2026-05-31T14:30:00.000Z', { assignedAt: '2026-05-31T14:31:00.000Z', handoffs: ['phone', 'interview'] }),
      // Came in June; sent back to the queue after booking and she left: the hand-off still counts.
      row('2026-06-10T01:00:00.000Z', { endedAt: '2026-06-10T02:00:00.000Z', endReason: 'abandoned', handoffs: ['phone'] }),
      row('2026-06-11T01:00:00.000Z'),
    ]);
    expect(report.months[1]?.byHandoff).toEqual({ phone: 1, remote: 0, interview: 1, outreach: 0, accompaniment: 0 });
    expect(report.months[2]?.byHandoff).toEqual({ phone: 1, remote: 0, interview: 0, outreach: 0, accompaniment: 0 });
    expect(report.months[3]?.byHandoff).toEqual({ phone: 0, remote: 0, interview: 0, outreach: 0, accompaniment: 0 });
    expect(report.total.byHandoff).toEqual({ phone: 2, remote: 0, interview: 1, outreach: 0, accompaniment: 0 });
  });

  it('counts logged consultations by their Tokyo day and channel beside the chats, with topics, outcome, contact and duration', () => {
    const logged = (date: string, more: Partial<CaseLogEntry> = {}): CaseLogEntry => ({
      id: `e${date}`,
      note: null,
      staffId: 's',
      channel: 'phone',
      date,
      durationBand: '15-30',
      contact: 'first',
      topics: ['孤独'],
      outcome: 'listened',
      ageBand: null,
      recordedAt: '2026-06-01T00:00:00.000Z',
      correctedAt: null,
      ...more,
    });
    const report = buildFiscalYearReport(
      2026,
      [recorded('2026-06-10T01:00:00.000Z', { topics: ['子育て'], outcome: 'referral', ageBand: '30s' })],
      [
        logged('2026-06-01'),
        logged('2026-06-30', { channel: 'mail', contact: 'continuation', durationBand: '60-plus', topics: ['子育て', '介護'], ageBand: '40s' }),
        logged('2027-03-31', { channel: 'interview' }),
        // Dated outside the year: not this report's.
        logged('2026-03-31'),
        logged('2027-04-01'),
      ],
    );
    expect(report.months[2]).toMatchObject({ month: '2026-06', consultations: 3, started: 1, answered: 1, recorded: 3 });
    expect(report.months[2]?.byChannel).toEqual({ chat: 1, phone: 1, mail: 1, interview: 0, remote: 0 });
    expect(report.months[2]?.byTopic).toMatchObject({ 子育て: 2, 介護: 1, 孤独: 1 });
    expect(report.months[2]?.byOutcome).toMatchObject({ referral: 1, listened: 2 });
    expect(report.months[2]?.byAgeBand).toMatchObject({ '30s': 1, '40s': 1, unknown: 1 });
    expect(report.months[2]?.byContact).toEqual({ first: 1, continuation: 1 });
    expect(report.months[2]?.byDuration).toEqual({ 'under-15': 0, '15-30': 1, '30-60': 0, '60-plus': 1 });
    expect(report.months[11]?.byChannel.interview).toBe(1);
    expect(report.total).toMatchObject({ consultations: 4, started: 1, recorded: 4 });
    expect(report.total.byChannel).toEqual({ chat: 1, phone: 1, mail: 1, interview: 1, remote: 0 });
  });

  it('counts a chat ended as a nuisance apart: in nuisance only, never in consultations, channels, started, answered, recorded, campaigns or hand-offs', () => {
    const prank = row('2026-05-10T03:00:00Z', {
      assignedAt: '2026-05-10T03:01:00Z', endedAt: '2026-05-10T03:02:00Z', endReason: 'nuisance', campaign: 'ube-2026',
      record: { topics: ['その他'], outcome: 'other', ageBand: null }, handoffs: ['phone'],
    });
    const real = recorded('2026-05-10T04:00:00Z', { topics: ['子育て'], outcome: 'listened', ageBand: null });
    const may = buildFiscalYearReport(2026, [prank, real]).months[1];
    expect(may).toMatchObject({ started: 1, answered: 1, recorded: 1, nuisance: 1, byCampaign: { web: 1 } });
    expect(may?.byHandoff.phone).toBe(0);
    expect(may).toMatchObject({ consultations: 1, byChannel: { chat: 1 } });
    expect(buildFiscalYearReport(2026, [prank, real]).total).toMatchObject({ started: 1, nuisance: 1 });
  });
});

