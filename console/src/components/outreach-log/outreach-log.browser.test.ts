import type { OutreachLogPayload, OutreachVisit } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import { todayTokyo } from '../../state/case-log.js';
import type { TsgOutreachLog } from './outreach-log.component.js';
import './outreach-log.js';

const o = ja.outreach;

const visit = (id: string, appointmentId: string | null): OutreachVisit => ({
  id: id.repeat(22),
  kind: 'accompaniment',
  date: '2026-06-04',
  durationBand: '60-plus',
  agency: 'police',
  appointmentId,
  staffId: 's'.repeat(22),
  recordedAt: '2026-06-04T09:00:00.000Z',
  correctedAt: null,
});

async function mount(visits: OutreachVisit[] = []) {
  const logged: OutreachLogPayload[] = [];
  const withdrawn: string[] = [];
  const corrected: [string, OutreachLogPayload][] = [];
  const el = document.createElement('tsg-outreach-log') as TsgOutreachLog;
  Object.assign(el, {
    visits,
    log: async (p: OutreachLogPayload) => (logged.push(p), { ok: true }),
    withdraw: async (id: string) => (withdrawn.push(id), { ok: true }),
    correct: async (id: string, p: OutreachLogPayload) => (corrected.push([id, p]), { ok: true }),
  });
  document.body.append(el);
  await el.updateComplete;
  return { el, logged, withdrawn, corrected };
}

describe('visits logged without an appointment', () => {
  afterEach(() => document.body.replaceChildren());

  it('logs a home visit today by keyboard alone; an accompaniment is not sent until its agency is chosen', async () => {
    const { el, logged } = await mount();
    const form = page.getByRole('form', { name: o.heading });
    (form.getByRole('combobox', { name: o.kind }).element() as HTMLSelectElement).focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(form.getByRole('status')).toHaveTextContent(/^記録しました：\d+月\d+日 家庭訪問$/);
    expect(logged).toEqual([{ kind: 'outreach', date: todayTokyo(new Date()), durationBand: '30-60' }]);

    await userEvent.selectOptions(form.getByRole('combobox', { name: o.kind }), o.kinds.accompaniment);
    await userEvent.keyboard('{Enter}');
    await expect.element(form.getByRole('alert')).toHaveTextContent(o.needAgency);
    await expect.poll(() => el.shadowRoot?.activeElement?.id).toBe('ol-agency');
    expect(logged).toHaveLength(1);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}'); // 役所 → 警察
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => logged.at(-1)).toEqual({ kind: 'accompaniment', date: todayTokyo(new Date()), durationBand: '30-60', agency: 'police' });
    // The agency is chosen afresh for the next one.
    await expect.element(form.getByRole('combobox', { name: o.agency })).toHaveValue('');
  });

  it('lists her visits of both routes; only a logged one can be withdrawn here, after a second yes', async () => {
    const { el, withdrawn } = await mount([visit('l', null), visit('a', 'p'.repeat(22))]);
    const list = page.getByRole('region', { name: o.listHeading });
    await expect.element(list.getByRole('row').nth(1)).toHaveTextContent(/6月4日\s*同行支援\s*予約なし\s*60分以上・警察/);
    await expect.element(list.getByRole('row').nth(2)).toHaveTextContent(/予約から/);
    await expect.element(list.getByRole('row').nth(2).getByRole('button')).not.toBeInTheDocument();
    await userEvent.click(list.getByRole('button', { name: /取り下げる/ }));
    // Asked once more in place, focus on the question; やめる withdraws nothing.
    expect(withdrawn).toEqual([]);
    await expect.poll(() => el.shadowRoot?.activeElement?.textContent).toContain(ja.caseLog.withdrawConfirm);
    await userEvent.click(list.getByRole('button', { name: ja.caseLog.withdrawCancel }));
    expect(withdrawn).toEqual([]);
    await userEvent.click(list.getByRole('button', { name: /取り下げる/ }));
    await userEvent.click(list.getByRole('button', { name: /本当に取り下げる\s*（6月4日 同行支援）/ }));
    expect(withdrawn).toEqual(['l'.repeat(22)]);
  });

  it('直す puts a logged visit in the form; saving sends the correction for that visit, not a new one; やめる goes back to a new visit', async () => {
    const { el, logged, corrected } = await mount([visit('l', null)]);
    const list = page.getByRole('region', { name: o.listHeading });
    const form = page.getByRole('form', { name: o.heading });
    await userEvent.click(list.getByRole('button', { name: /直す\s*（6月4日 同行支援）/ }));
    await expect.element(form).toHaveTextContent(ja.caseLog.editing('6月4日 同行支援'));
    await expect.poll(() => el.shadowRoot?.activeElement?.id).toBe('ol-kind');
    await expect.element(form.getByRole('combobox', { name: o.kind })).toHaveValue('accompaniment');
    await expect.element(form.getByRole('combobox', { name: o.agency })).toHaveValue('police');
    await userEvent.selectOptions(form.getByRole('combobox', { name: o.agency }), o.agencies.hospital);
    await userEvent.click(form.getByRole('button', { name: ja.caseLog.correct }));
    await expect.element(form.getByRole('status')).toHaveTextContent(ja.caseLog.corrected('6月4日 同行支援'));
    expect(corrected).toEqual([['l'.repeat(22), { kind: 'accompaniment', date: '2026-06-04', durationBand: '60-plus', agency: 'hospital' }]]);
    expect(logged).toEqual([]);
    // Back to new visits: the button says 記録する again.
    await expect.element(form.getByRole('button', { name: o.submit })).toBeVisible();

    await userEvent.click(list.getByRole('button', { name: /直す/ }));
    await userEvent.click(form.getByRole('button', { name: ja.caseLog.cancelEdit }));
    await expect.element(form.getByRole('button', { name: o.submit })).toBeVisible();
    expect(corrected).toHaveLength(1);
  });
});
