import type { Appointment, VisitDetails } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { FormResult } from '../../state/form-requests.js';
import type { TsgVisitDoneForm } from './visit-done-form.component.js';
import './visit-done-form.js';

const o = ja.outreach;

const appointment = (kind: Appointment['kind']): Appointment => ({
  id: 'a'.repeat(22),
  consultationId: 'c'.repeat(22),
  kind,
  startsAt: '2026-06-05T06:00:00.000Z',
  endsAt: '2026-06-05T07:00:00.000Z',
  overriddenBy: null,
  code: 'ABCDEF',
  status: 'booked',
  staffId: 's'.repeat(22),
  staffName: '佐藤',
  createdAt: '2026-06-01T00:00:00.000Z',
});

async function mount(kind: Appointment['kind'], answer: FormResult = { ok: true }) {
  const saved: VisitDetails[] = [];
  let cancelled = 0;
  const el = document.createElement('tsg-visit-done-form') as TsgVisitDoneForm;
  Object.assign(el, { appointment: appointment(kind), save: async (v: VisitDetails) => (saved.push(v), answer), cancel: () => cancelled++ });
  document.body.append(el);
  await el.updateComplete;
  return { el, saved, cancelled: () => cancelled };
}

describe('済み for a visit', () => {
  afterEach(() => document.body.replaceChildren());

  it('an accompaniment needs its agency, chosen by keyboard alone; Enter marks it with the duration too', async () => {
    const { el, saved } = await mount('accompaniment');
    const form = page.getByRole('form', { name: /同行支援.*を「済み」にする/ });
    await expect.poll(() => el.shadowRoot?.activeElement?.id).toBe('vd-duration');
    await userEvent.keyboard('{ArrowDown}'); // 30〜60分 → 60分以上
    await userEvent.keyboard('{Enter}');
    await expect.element(form.getByRole('alert')).toHaveTextContent(o.needAgency);
    await expect.poll(() => el.shadowRoot?.activeElement?.id).toBe('vd-agency');
    expect(saved).toEqual([]);
    for (let i = 0; i < 5; i++) await userEvent.keyboard('{ArrowDown}'); // 役所 … 配偶者暴力相談支援センター
    await expect.element(form.getByRole('combobox', { name: o.agency })).toHaveValue('dv-center');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => saved).toEqual([{ durationBand: '60-plus', agency: 'dv-center' }]);
  });

  it('a home visit asks the duration only; a refusal shows in the form; Escape closes it unmarked', async () => {
    const { el, saved, cancelled } = await mount('outreach', { ok: false, error: ja.errors.DATE_OUT_OF_RANGE });
    const form = page.getByRole('form', { name: /家庭訪問.*を「済み」にする/ });
    await expect.element(form.getByRole('combobox', { name: o.agency })).not.toBeInTheDocument();
    await userEvent.click(form.getByRole('button', { name: o.doneSave }));
    await expect.poll(() => saved).toEqual([{ durationBand: '30-60' }]);
    await expect.element(form.getByRole('alert')).toHaveTextContent(ja.errors.DATE_OUT_OF_RANGE);
    // The focus is back in the form after the refusal (the disabled button had lost it), so Escape reaches it.
    await expect.poll(() => el.shadowRoot?.activeElement?.id).toBe('vd-duration');
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => cancelled()).toBe(1);
  });
});
