import type { FiscalYearTargets } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { TsgTargetsForm } from './targets-form.component.js';
import './targets-form.js';

const t = ja.targets;

function mountForm(saved: Array<[number, FiscalYearTargets]>): TsgTargetsForm {
  const el = document.createElement('tsg-targets-form');
  el.fiscalYear = 2026;
  el.save = async (year, targets) => (saved.push([year, targets]), { ok: true });
  document.body.append(el);
  return el;
}

describe('the targets form', () => {
  afterEach(() => document.body.replaceChildren());

  it('keeps what the admin typed when the year report arrives (or reloads) meanwhile, and saves her figure, not the report\'s', async () => {
    const saved: Array<[number, FiscalYearTargets]> = [];
    const el = mountForm(saved);
    const sets = page.getByRole('spinbutton', { name: t.keys.distributionSets });
    await userEvent.fill(sets, '800');
    // The report, loading while she typed, answers now with the year's (empty, then other) targets.
    el.current = {};
    await el.updateComplete;
    el.current = { distributionSets: 500 };
    await el.updateComplete;
    await expect.element(sets).toHaveValue(800);
    await userEvent.click(page.getByRole('button', { name: t.save }));
    await expect.element(page.getByRole('status')).toHaveTextContent(t.saved);
    expect(saved).toEqual([[2026, { distributionSets: 800 }]]);
  });

  it('follows the report when she has not typed, and another year always shows that year\'s targets', async () => {
    const el = mountForm([]);
    const sets = page.getByRole('spinbutton', { name: t.keys.distributionSets });
    el.current = { distributionSets: 500 };
    await el.updateComplete;
    await expect.element(sets).toHaveValue(500);
    await userEvent.fill(sets, '700');
    el.fiscalYear = 2025;
    el.current = { distributionSets: 300 };
    await el.updateComplete;
    await expect.element(sets).toHaveValue(300);
    // After a save, a later report for the year is taken again.
    await userEvent.fill(sets, '350');
    await userEvent.click(page.getByRole('button', { name: t.save }));
    await expect.element(page.getByRole('status')).toHaveTextContent(t.saved);
    el.current = { distributionSets: 350 };
    await el.updateComplete;
    await expect.element(sets).toHaveValue(350);
  });
});
