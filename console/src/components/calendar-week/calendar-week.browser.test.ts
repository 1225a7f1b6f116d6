import type { CalendarWeek } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import { appt } from '../../test/appointment-fixture.js';
import type { TsgCalendarWeek } from './calendar-week.component.js';
import './calendar-week.js';

const t = ja.calendar;
const WEEK: CalendarWeek = {
  weekStart: '2026-11-30',
  days: [
    { date: '2026-11-30', closed: null, interviewDay: false },
    { date: '2026-12-01', closed: null, interviewDay: false },
    { date: '2026-12-02', closed: null, interviewDay: false },
    { date: '2026-12-03', closed: null, interviewDay: false },
    { date: '2026-12-04', closed: null, interviewDay: true },
    { date: '2026-12-05', closed: 'weekday', interviewDay: false },
    { date: '2026-12-06', closed: 'weekday', interviewDay: false },
  ],
  appointments: [
    appt({}),
    appt({ id: 'a2', kind: 'outreach', startsAt: '2026-12-05T05:00:00.000Z', endsAt: '2026-12-05T06:30:00.000Z', code: 'XY3Z45', overriddenBy: 'boss' }),
    appt({ id: 'a3', kind: 'phone', startsAt: '2026-12-01T01:00:00.000Z', endsAt: '2026-12-01T02:00:00.000Z', code: 'QRS678', staffId: 'tanaka', staffName: '田中', status: 'cancelled' }),
  ],
};

describe('the calendar’s week view', () => {
  afterEach(() => document.body.replaceChildren());

  async function mount() {
    const el = document.createElement('tsg-calendar-week') as TsgCalendarWeek;
    el.week = WEEK;
    el.counselors = [
      { staffId: 'sato', displayName: '佐藤' },
      { staffId: 'ueno', displayName: '上野' },
    ];
    el.now = () => new Date('2026-12-10T12:00:00+09:00');
    const moves: string[] = [];
    el.addEventListener('tsg-week-change', (e) => moves.push(e.detail.weekStart));
    document.body.append(el);
    await el.updateComplete;
    return { el, moves };
  }

  it('is a table with a column per day Monday to Sunday and a row per counselor, each appointment read whole', async () => {
    await mount();
    const table = page.getByRole('table', { name: t.caption('11月30日〜12月6日') });
    await expect.element(table).toBeVisible();
    const columns = page.getByRole('columnheader');
    await expect.poll(() => columns.elements().map((c) => c.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '相談員',
      '11月30日（月）',
      '12月1日（火）',
      '12月2日（水）',
      '12月3日（木）',
      '12月4日（金） 面接日',
      '12月5日（土） 受付なし',
      '12月6日（日） 受付なし',
    ]);
    // Listed counselors first (an empty week still shows them), then anyone else with an appointment.
    await expect.poll(() => page.getByRole('rowheader').elements().map((c) => c.textContent?.trim())).toEqual(['佐藤', '上野', '田中']);
    // An appointment is one list item: time, kind, code, status, and the override when there was one.
    const items = page.getByRole('listitem').elements().map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual([
      `14:00–15:00 面接相談 ${t.code('AB2 C3D')} 予約中`,
      `14:00–15:30 家庭訪問 ${t.code('XY3 Z45')} 予約中 ${t.overridden}`,
      `10:00–11:00 電話相談 ${t.code('QRS 678')} 取り消し`,
    ]);
    // Sato's Friday cell holds her interview; it sits under Friday's column header.
    const satoRow = page.getByRole('row').filter({ hasText: '佐藤' });
    const cells = satoRow.getByRole('cell').elements();
    expect(cells[4]?.textContent).toContain('面接相談');
    expect(cells[0]?.textContent?.trim()).toBe(t.none);
    // Nothing beyond what an appointment holds: no consultation id on the screen.
    expect(document.body.querySelector('tsg-calendar-week')?.shadowRoot?.textContent).not.toContain('c'.repeat(22));
  });

  it('moves a week back and forward with the buttons and with PageUp / PageDown, and back to this week', async () => {
    const { el, moves } = await mount();
    await userEvent.click(page.getByRole('button', { name: `${t.next} →` }));
    await userEvent.click(page.getByRole('button', { name: `← ${t.previous}` }));
    await userEvent.click(page.getByRole('button', { name: t.thisWeek }));
    // The keys work from anywhere inside, with focus left where it is.
    const region = page.getByRole('region', { name: t.scrollLabel });
    (region.element() as HTMLElement).focus();
    await userEvent.keyboard('{PageDown}');
    await userEvent.keyboard('{PageUp}');
    expect(moves).toEqual(['2026-12-07', '2026-11-23', '2026-12-07', '2026-12-07', '2026-11-23']);
    expect(el.shadowRoot?.activeElement?.getAttribute('role')).toBe('region');
    // The week after a move is said in the live region.
    el.notice = t.shown('12月7日〜12月13日');
    await expect.element(page.getByRole('status')).toHaveTextContent(t.shown('12月7日〜12月13日'));
  });

  it('says it is loading until the first week comes', async () => {
    const el = document.createElement('tsg-calendar-week') as TsgCalendarWeek;
    document.body.append(el);
    await expect.element(page.getByText(t.loading)).toBeVisible();
    await expect.element(page.getByRole('table')).not.toBeInTheDocument();
  });
});
