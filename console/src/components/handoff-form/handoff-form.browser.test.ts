import type { HandoffBookPayload } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { HandoffResult } from '../../state/form-requests.js';
import type { TsgHandoffForm } from './handoff-form.component.js';
import './handoff-form.js';

const t = ja.handoff;

/** The form for one chat, whose relay answers every booking with `answer`. */
async function mount(answer: HandoffResult) {
  const asked: HandoffBookPayload[] = [];
  const el = document.createElement('tsg-handoff-form') as TsgHandoffForm;
  Object.assign(el, { consultationId: 'c'.repeat(22), submit: async (b: HandoffBookPayload) => (asked.push(b), answer) });
  document.body.append(el);
  await el.updateComplete;
  return { el, asked };
}

/** Fills a time (the date is tomorrow by default) and presses 予約する. */
async function book(): Promise<void> {
  await userEvent.fill(page.getByLabelText(t.time), '14:00');
  await userEvent.click(page.getByRole('button', { name: t.submit }));
}

/**
 * A refused booking leaves her keyboard in the form: 予約する is disabled while it waits, which takes
 * the focus from it, so without being given back the focus would sit on the page and her next
 * Tab or keystroke would start from its top.
 */
describe('a refused hand-off booking', () => {
  afterEach(() => document.body.replaceChildren());

  it('puts the focus on the date, with the reason read out', async () => {
    const { el, asked } = await mount({ ok: false, error: ja.errors.BOOKING_OUTSIDE_HOURS });
    await book();
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.errors.BOOKING_OUTSIDE_HOURS);
    expect(asked).toHaveLength(1);
    await expect.poll(() => (el.shadowRoot?.activeElement as HTMLInputElement | null)?.name).toBe('date');
  });

  it('puts the focus on the off-day confirmation when an interview needs it', async () => {
    const { el } = await mount({ ok: false, error: ja.interviewDay.confirm, offDay: true });
    await book();
    await expect.element(page.getByRole('checkbox', { name: ja.interviewDay.confirm })).toBeVisible();
    await expect.poll(() => (el.shadowRoot?.activeElement as HTMLInputElement | null)?.name).toBe('offDay');
  });
});
