import type { Campaign, DistributionAddPayload, DistributionEvent } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { FormResult } from '../../state/form-requests.js';
import '../distribution-list/distribution-list.js';
import type { TsgDistributionList } from '../distribution-list/distribution-list.component.js';
import type { TsgDistributionForm } from './distribution-form.component.js';
import './distribution-form.js';
import { focused } from '../../test/focus.js';

const t = ja.distribution;
const campaigns: Campaign[] = [{ name: 'ube-2026', label: '宇部のチラシ', active: true, updatedAt: '2026-05-01T00:00:00.000Z' }];
const saved: DistributionEvent = {
  id: 'e1',
  date: '2026-06-10',
  municipality: '宇部市',
  partner: 'こども食堂うべ',
  sets: 64,
  flyers: 80,
  campaign: 'ube-2026',
  staffId: 'boss',
  recordedAt: '2026-06-12T06:00:00.000Z',
  correctedAt: null,
};

const focusedId = () => focused()?.id;

function mountForm(submit: (p: DistributionAddPayload) => Promise<FormResult>): TsgDistributionForm {
  const el = document.createElement('tsg-distribution-form');
  el.submit = submit;
  el.campaigns = campaigns;
  el.partners = ['こども食堂うべ'];
  document.body.append(el);
  return el;
}

describe('the distribution-event form', () => {
  afterEach(() => document.body.replaceChildren());

  it('is filled and saved with the keyboard; a missing place or a bad count is said at its field, and nothing is sent', async () => {
    const sent: DistributionAddPayload[] = [];
    mountForm(async (p) => (sent.push(p), { ok: true }));
    const form = page.getByRole('form', { name: t.heading });
    const place = form.getByRole('combobox', { name: t.municipality });

    // Enter in the partner field with no place chosen: the error, and the cursor on the place.
    await userEvent.fill(form.getByRole('combobox', { name: t.partner }), 'こども食堂うべ');
    await userEvent.keyboard('{Enter}');
    await expect.element(form.getByRole('alert')).toHaveTextContent(t.needMunicipality);
    await expect.poll(focusedId).toBe('df-municipality');
    await expect.element(place).toHaveAttribute('aria-invalid', 'true');

    await userEvent.selectOptions(place, '宇部市');
    await userEvent.fill(form.getByRole('spinbutton', { name: t.sets }), '6000');
    await userEvent.fill(form.getByRole('spinbutton', { name: t.flyers }), '80');
    await userEvent.keyboard('{Enter}');
    await expect.element(form.getByRole('alert')).toHaveTextContent(t.badCount(t.sets, 5000));
    await expect.poll(focusedId).toBe('df-sets');
    expect(sent).toEqual([]);

    await userEvent.fill(form.getByRole('spinbutton', { name: t.sets }), '64');
    await userEvent.selectOptions(form.getByRole('combobox', { name: t.campaign }), 'ube-2026');
    await userEvent.keyboard('{Enter}'); // from the campaign's select: Enter saves there too
    await expect.element(form.getByRole('status')).toHaveTextContent(/^記録しました：\d+月\d+日 宇部市$/);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ municipality: '宇部市', partner: 'こども食堂うべ', sets: 64, flyers: 80, campaign: 'ube-2026' });
    expect(sent[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The next event of the series: the place again, partner and campaign kept, counts empty.
    await expect.poll(focusedId).toBe('df-municipality');
    await expect.element(place).toHaveValue('');
    await expect.element(form.getByRole('combobox', { name: t.partner })).toHaveValue('こども食堂うべ');
    await expect.element(form.getByRole('spinbutton', { name: t.sets })).toHaveValue(null);
  });

  it("shows the server's refusal and keeps what she typed", async () => {
    mountForm(async () => ({ ok: false, error: ja.errors.DATE_OUT_OF_RANGE }));
    const form = page.getByRole('form', { name: t.heading });
    await userEvent.selectOptions(form.getByRole('combobox', { name: t.municipality }), '阿武町');
    await userEvent.fill(form.getByRole('combobox', { name: t.partner }), '.Style');
    await userEvent.fill(form.getByRole('spinbutton', { name: t.sets }), '0');
    await userEvent.fill(form.getByRole('spinbutton', { name: t.flyers }), '0');
    await userEvent.click(form.getByRole('button', { name: t.submit }));
    await expect.element(form.getByRole('alert')).toHaveTextContent(ja.errors.DATE_OUT_OF_RANGE);
    await expect.element(form.getByRole('combobox', { name: t.municipality })).toHaveValue('阿武町');
  });

  it('takes an event to correct it, and offers all 19 places', async () => {
    const sent: DistributionAddPayload[] = [];
    const el = mountForm(async (p) => (sent.push(p), { ok: true }));
    el.editing = saved;
    const form = page.getByRole('form', { name: t.heading });
    await expect.element(form.getByText(t.editing('6月10日 宇部市'))).toBeVisible();
    await expect.poll(focusedId).toBe('df-municipality');
    expect(el.shadowRoot!.querySelectorAll('#df-municipality option')).toHaveLength(20);
    await userEvent.fill(form.getByRole('spinbutton', { name: t.sets }), '70');
    await userEvent.click(form.getByRole('button', { name: t.correct }));
    expect(sent).toEqual([{ date: '2026-06-10', municipality: '宇部市', partner: 'こども食堂うべ', sets: 70, flyers: 80, campaign: 'ube-2026' }]);
  });
});

describe('the distribution-event list', () => {
  afterEach(() => document.body.replaceChildren());

  it('lets a supervisor withdraw after a second yes, and shows counselors the list only', async () => {
    const withdrawn: string[] = [];
    const el = document.createElement('tsg-distribution-list') as TsgDistributionList;
    el.events = [saved];
    el.withdraw = async (id) => (withdrawn.push(id), { ok: true });
    document.body.append(el);
    const list = page.getByRole('region', { name: t.listHeading });
    await expect.element(list.getByRole('row').nth(1)).toHaveTextContent(/6月10日\s*宇部市\s*こども食堂うべ\s*64\s*80\s*ube-2026/);
    await userEvent.click(list.getByRole('button', { name: /^取り下げる/ }));
    await expect.poll(() => focused()?.textContent).toMatch(/^本当に取り下げる/);
    await userEvent.keyboard('{Enter}');
    expect(withdrawn).toEqual(['e1']);

    el.withdraw = null;
    await expect.element(list.getByText(t.readOnly)).toBeVisible();
    expect(el.shadowRoot!.querySelectorAll('button')).toHaveLength(0);
  });
});
