import type { Appointment, AppointmentStatusPayload } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { RequestResult } from '../../services/staff-socket.controller.js';
import type { FormResult } from '../../state/form-requests.js';
import { appt } from '../../test/appointment-fixture.js';
import { focused } from '../../test/focus.js';
import type { TsgAppointmentList } from './appointment-list.component.js';
import './appointment-list.js';

const t = ja.appointments;
const booked = appt({});

/**
 * The list as the workspace shows it. Each request waits for the test's `answer()`; a status
 * change that is accepted updates the list first, as the workspace's `appointment:changed` does.
 */
async function mount(change: FormResult, found: RequestResult<Appointment>) {
  let answer = () => {};
  const el = document.createElement('tsg-appointment-list');
  const wait = () => new Promise<void>((resolve) => (answer = resolve));
  Object.assign(el, {
    appointments: [booked],
    loaded: true,
    changeStatus: async ({ status }: AppointmentStatusPayload) => {
      await wait();
      if (change.ok) el.appointments = [{ ...booked, status }];
      return change;
    },
    findByCode: async () => (await wait(), found),
  });
  document.body.append(el);
  await el.updateComplete;
  return { el, answer: () => answer() };
}

const row = () => page.getByRole('table').getByRole('row').filter({ hasText: t.statuses.booked });
const statusButton = (name: string) => page.getByRole('table').getByRole('button', { name, exact: true });
type Button = ReturnType<typeof statusButton>;

/** She presses a button by keyboard; it is disabled (and named `waiting`) while the relay answers, then the answer comes. */
async function press(button: Button, answer: () => void, waiting: Button = button): Promise<void> {
  (button.element() as HTMLElement).focus();
  await userEvent.keyboard('{Enter}');
  await expect.element(waiting).toBeDisabled();
  answer();
}

/** She types a code and presses 探す. */
async function search(code: string, answer: () => void): Promise<void> {
  await userEvent.fill(page.getByLabelText(t.search), code);
  await press(page.getByRole('button', { name: t.find, exact: true }), answer, page.getByRole('button', { name: t.finding }));
}

/**
 * Every status button is disabled while a change waits, and 探す while a search does, which takes
 * the focus from the one she pressed: without somewhere to go, her next Tab would start from the
 * top of the page.
 */
describe('the appointments keep her keyboard', () => {
  afterEach(() => document.body.replaceChildren());

  it('a change that swapped the row’s buttons puts her on the one there now (予約中に戻す)', async () => {
    const { answer } = await mount({ ok: true }, { ok: false, error: 'UNKNOWN_APPOINTMENT' });
    await expect.element(row()).toBeVisible();
    await press(statusButton(t.setTo.no_show), answer);
    await expect.element(page.getByRole('status').filter({ hasText: t.statuses.no_show })).toBeInTheDocument();
    await expect.poll(() => focused()?.textContent?.trim()).toBe(t.setTo.booked);
  });

  it('a refused change gives her the same button back, with the reason read out', async () => {
    const { answer } = await mount({ ok: false, error: ja.errors.INTERNAL }, { ok: false, error: 'UNKNOWN_APPOINTMENT' });
    await press(statusButton(t.setTo.cancelled), answer);
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.errors.INTERNAL);
    await expect.poll(() => focused()?.textContent?.trim()).toBe(t.setTo.cancelled);
  });

  it('a code that finds nothing puts her back in the code, selected, to type it again', async () => {
    const { answer } = await mount({ ok: true }, { ok: false, error: 'UNKNOWN_APPOINTMENT' });
    await search('ZZ9ZZ9', answer);
    await expect.element(page.getByText(t.notFound)).toBeVisible();
    await expect.poll(() => focused()?.id).toBe('appt-code');
    const input = focused() as HTMLInputElement;
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, input.value.length]);
  });

  it('a code that finds one gives her 探す back, the appointment shown after it', async () => {
    const { answer } = await mount({ ok: true }, { ok: true, data: booked });
    await search('AB2C3D', answer);
    await expect.element(page.getByRole('heading', { name: t.found })).toBeVisible();
    await expect.poll(() => focused()?.textContent?.trim()).toBe(t.find);
  });
});
