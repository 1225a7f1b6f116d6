import type { CaseLogAddPayload } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { TsgCaseLogForm } from './case-log-form.component.js';
import './case-log-form.js';

const t = ja.caseLog;

describe('the compact case-log form', () => {
  afterEach(() => document.body.replaceChildren());

  it('takes up to five topics with the keyboard alone: a 4th and a 5th field appear as the ones before fill', async () => {
    const sent: CaseLogAddPayload[] = [];
    const el = document.createElement('tsg-case-log-form') as TsgCaseLogForm;
    el.submit = async (p) => (sent.push(p), { ok: true });
    document.body.append(el);
    await el.updateComplete;
    const form = page.getByRole('form', { name: t.heading });
    const topic = (n: number) => form.getByRole('combobox', { name: t.topic(n), exact: true });
    await expect.element(topic(4)).not.toBeInTheDocument();
    el.focusTopic();
    const focused = () => el.shadowRoot?.activeElement?.id;
    await expect.poll(focused).toBe('cl-topic-1');
    // Each field: one step down from なし picks 01, two steps 02 …, then Tab to the next.
    for (let n = 1; n <= 5; n++) {
      for (let i = 0; i < n; i++) await userEvent.keyboard('{ArrowDown}');
      await expect.poll(focused).toBe(`cl-topic-${n}`);
      if (n < 5) await userEvent.keyboard('{Tab}');
    }
    await expect.element(topic(5)).toBeInTheDocument();
    // Never a sixth: the protocol takes five.
    await expect.element(form.getByRole('combobox', { name: t.topic(6) })).not.toBeInTheDocument();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => sent.map((p) => p.topics)).toEqual([['生活困窮', '経済的困難', '生活不安', '子育て', '介護']]);
    // A fresh draft shows three fields again.
    await expect.element(topic(4)).not.toBeInTheDocument();
  });

  it('a refused save leaves the focus on 記録する, the reason read out (the button lost it while disabled)', async () => {
    let answer: (r: { ok: false; error: string }) => void = () => {};
    const el = document.createElement('tsg-case-log-form') as TsgCaseLogForm;
    el.submit = () => new Promise((resolve) => (answer = resolve));
    document.body.append(el);
    await el.updateComplete;
    const form = page.getByRole('form', { name: t.heading });
    el.focusTopic();
    await expect.poll(() => el.shadowRoot?.activeElement?.id).toBe('cl-topic-1');
    await userEvent.keyboard('{ArrowDown}'); // 01 生活困窮
    await userEvent.click(form.getByRole('button', { name: t.submit }));
    await expect.element(form.getByRole('button', { name: t.busy })).toBeDisabled();
    answer({ ok: false, error: ja.errors.INTERNAL });
    await expect.element(form.getByRole('alert')).toHaveTextContent(ja.errors.INTERNAL);
    await expect.poll(() => el.shadowRoot?.activeElement?.textContent?.trim()).toBe(t.submit);
  });
});
