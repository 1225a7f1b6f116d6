import type { Appointment } from '@tsunagari/shared';
import type { RequestResult } from '@tsunagari/shared/client';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import { appt } from '../../test/appointment-fixture.js';
import type { BookForDraft } from '../../state/form-requests.js';
import type { TsgCalendarBookForm } from './calendar-book-form.component.js';
import './calendar-book-form.js';

const t = ja.calendarBook;
/** What the relay answers for the booking: 田中's Saturday home visit with a new code. */
const booked = (over: Partial<Appointment>): Appointment =>
  appt({ kind: 'outreach', startsAt: '2026-12-05T05:00:00.000Z', endsAt: '2026-12-05T06:30:00.000Z', code: 'NEW234', staffId: 'tanaka', staffName: '田中', ...over });

describe('the supervisor’s booking for a counselor (calendar)', () => {
  afterEach(() => document.body.replaceChildren());

  /** The form with two counselors, Tuesday 1 December 2026 at noon, and a relay that answers `answers` in turn. */
  async function mount(answers: RequestResult<Appointment>[]) {
    const sent: BookForDraft[] = [];
    const el = document.createElement('tsg-calendar-book-form') as TsgCalendarBookForm;
    el.counselors = [
      { staffId: 'sato', displayName: '佐藤' },
      { staffId: 'tanaka', displayName: '田中' },
    ];
    el.now = () => new Date('2026-12-01T12:00:00+09:00');
    el.submit = (draft) => {
      sent.push(draft);
      return Promise.resolve(answers.shift() ?? { ok: false, error: 'INTERNAL' });
    };
    document.body.append(el);
    await el.updateComplete;
    return { el, sent };
  }

  /** Fills the form: code, counselor, kind, Saturday 5 December at 14:00 unless told, 90 minutes. */
  async function fill(kind = '家庭訪問', date = '2026-12-05') {
    await userEvent.fill(page.getByLabelText(t.code), 'ab2 c3d');
    await userEvent.selectOptions(page.getByLabelText(t.counselor, { exact: true }), '田中');
    await userEvent.selectOptions(page.getByLabelText(t.kind), kind);
    await userEvent.fill(page.getByLabelText(t.date), date);
    await userEvent.fill(page.getByLabelText(t.time), '14:00');
    await userEvent.selectOptions(page.getByLabelText(t.minutes), t.minutesOption(90));
  }

  it('says which rule refused it and, when she confirms, books again with that rule overridden; the result shows the new code and the override', async () => {
    const { sent } = await mount([{ ok: false, error: 'BOOKING_OUTSIDE_HOURS' }, { ok: true, data: booked({ overriddenBy: 'boss' }) }]);
    await fill();
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.rules.BOOKING_OUTSIDE_HOURS);
    expect(sent).toEqual([{ code: 'AB2C3D', counselorId: 'tanaka', kind: 'outreach', startsAt: '2026-12-05T14:00:00+09:00', minutes: 90 }]);
    await userEvent.click(page.getByRole('button', { name: t.bend }));
    await expect.element(page.getByRole('status')).toHaveTextContent(t.newCode('NEW 234'));
    await expect.element(page.getByRole('status')).toHaveTextContent(t.bent);
    expect(sent[1]).toEqual({ ...sent[0], override: true });
    await expect.element(page.getByRole('button', { name: t.bend })).not.toBeInTheDocument();
  });

  it('holidays and closure days are bent the same way; an interview off the interview day is confirmed, not overridden', async () => {
    for (const rule of ['BOOKING_HOLIDAY', 'BOOKING_CLOSED_DAY'] as const) {
      const { sent } = await mount([{ ok: false, error: rule }, { ok: true, data: booked({ overriddenBy: 'boss' }) }]);
      await fill();
      await userEvent.click(page.getByRole('button', { name: t.submit }));
      await expect.element(page.getByRole('alert')).toHaveTextContent(t.rules[rule]);
      await userEvent.click(page.getByRole('button', { name: t.bend }));
      await expect.element(page.getByRole('status')).toHaveTextContent(t.bent);
      expect(sent[1]).toEqual({ ...sent[0], override: true });
      document.body.replaceChildren();
    }
    const { sent } = await mount([{ ok: false, error: 'NOT_INTERVIEW_DAY' }, { ok: true, data: booked({ kind: 'interview' }) }]);
    await fill('面接相談', '2026-12-03');
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.rules.NOT_INTERVIEW_DAY);
    await userEvent.click(page.getByRole('button', { name: t.bend }));
    await expect.element(page.getByRole('status')).toHaveTextContent(t.newCode('NEW 234'));
    expect(sent[1]).toEqual({ ...sent[0], offDayConfirmed: true });
    expect(sent[1]).not.toHaveProperty('override');
  });

  it('a double booking is never offered to override: it says so, and only another time or counselor will do', async () => {
    const { sent } = await mount([{ ok: false, error: 'DOUBLE_BOOKED' }]);
    await fill();
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.doubleBooked('田中'));
    await expect.element(page.getByRole('button', { name: t.bend })).not.toBeInTheDocument();
    expect(sent).toHaveLength(1);
  });

  it('a changed field withdraws the offer (the rules are checked again); a short code or a past time is not sent', async () => {
    const { sent } = await mount([{ ok: false, error: 'BOOKING_HOLIDAY' }]);
    await fill();
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('button', { name: t.bend })).toBeVisible();
    await userEvent.fill(page.getByLabelText(t.time), '15:00');
    await expect.element(page.getByRole('button', { name: t.bend })).not.toBeInTheDocument();
    await userEvent.fill(page.getByLabelText(t.code), 'AB2');
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.noCode);
    await userEvent.fill(page.getByLabelText(t.code), 'AB2C3D');
    await userEvent.fill(page.getByLabelText(t.date), '2026-12-01');
    await userEvent.fill(page.getByLabelText(t.time), '09:00');
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.handoff.past);
    expect(sent).toHaveLength(1);
  });
});
