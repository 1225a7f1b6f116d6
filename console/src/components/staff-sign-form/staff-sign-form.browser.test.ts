import type { StaffListing } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { ActivateRequest, FormResult } from '../../state/form-requests.js';
import type { StaffAction, StaffRow } from '../../state/staff-directory.js';
import type { TsgStaffSignForm } from './staff-sign-form.component.js';
import './staff-sign-form.js';

const t = ja.sign;
const FINGERPRINT = '01234 56789 13579 24680 11223';
const listing: StaffListing = {
  staffId: 'staff-yamada', username: 'yamada', displayName: '山田', role: 'counselor', status: 'pending', keyVersion: 1,
  pending: null, statement: null, lastSignInDay: null, inviteExpiresAt: null,
};
const row: StaffRow = {
  listing,
  check: null,
  pending: { statement: { staffId: 'staff-yamada', role: 'counselor', boxPublicKey: 'b', signPublicKey: 's', keyVersion: 1 }, fingerprint: FINGERPRINT },
};

async function mount(action: StaffAction, answer: FormResult = { ok: false, error: t.noMatch }, shown: StaffRow = row) {
  const asked: ActivateRequest[] = [];
  const el = document.createElement('tsg-staff-sign-form') as TsgStaffSignForm;
  Object.assign(el, { row: shown, action, submit: async (r: ActivateRequest) => (asked.push(r), answer) });
  document.body.append(el);
  await el.updateComplete;
  return { el, asked };
}

const keyFile = new File(['{"format":"tsunagari-org-key"}'], 'org.key', { type: 'application/json' });
const pick = () => userEvent.upload(page.getByLabelText(t.keyFile), keyFile);

describe('the sign form', () => {
  afterEach(() => document.body.replaceChildren());

  it('activate: shows the computed fingerprint and what will be signed; the typed field refuses a paste', async () => {
    await mount('activate');
    await expect.element(page.getByRole('heading', { name: t.activateHeading('山田') })).toBeVisible();
    await expect.element(page.getByText(t.signing(ja.role.counselor, 1))).toBeVisible();
    const figure = page.getByRole('figure', { name: t.computed });
    await expect.element(figure.getByText('13579', { exact: true })).toBeVisible();
    const typed = page.getByRole('textbox', { name: t.typed });
    typed.element().focus();
    const data = new DataTransfer();
    data.setData('text/plain', FINGERPRINT);
    typed.element().dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    await expect.element(typed).toHaveValue('');
  });

  it('asks for the key file and the passphrase, sends what was typed, and forgets the passphrase after each try', async () => {
    const { asked } = await mount('activate');
    const typed = page.getByRole('textbox', { name: t.typed });
    await userEvent.fill(typed, '０１２３４ 56789');
    await userEvent.click(page.getByRole('button', { name: t.submitActivate }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.needFile);
    await pick();
    await userEvent.click(page.getByRole('button', { name: t.submitActivate }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.needPassphrase);
    await userEvent.fill(page.getByLabelText(t.passphrase), 'the passphrase');
    await userEvent.click(page.getByRole('button', { name: t.submitActivate }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.noMatch);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ staffId: 'staff-yamada', typedFingerprint: '０１２３４ 56789', passphrase: 'the passphrase' });
    expect(asked[0]?.file?.name).toBe('org.key');
    await expect.element(page.getByLabelText(t.passphrase)).toHaveValue('');
  });

  it('a pending row this console could not read cannot be signed at all', async () => {
    await mount('activate', undefined, { ...row, pending: null });
    await expect.element(page.getByText(t.badPending)).toBeVisible();
    await expect.element(page.getByRole('button', { name: t.submitActivate })).not.toBeInTheDocument();
  });

  it('disable: says what happens, and needs the confirmation first', async () => {
    const { el, asked } = await mount('disable', { ok: true }, { ...row, listing: { ...listing, status: 'active', displayName: '田中' } });
    const cancels: unknown[] = [];
    el.addEventListener('tsg-staff-action-cancel', (e) => cancels.push((e as CustomEvent).detail));
    await expect.element(page.getByText(t.disableConfirm)).toBeVisible();
    await pick();
    await userEvent.fill(page.getByLabelText(t.passphrase), 'the passphrase');
    await userEvent.click(page.getByRole('button', { name: t.submitDisable }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.disableNeedsConfirm);
    expect(asked).toEqual([]);
    await userEvent.click(page.getByRole('checkbox', { name: t.disableConfirmCheck }));
    await userEvent.fill(page.getByLabelText(t.passphrase), 'the passphrase');
    await userEvent.click(page.getByRole('button', { name: t.submitDisable }));
    await expect.poll(() => asked.length).toBe(1);
    await userEvent.click(page.getByRole('button', { name: t.cancel }));
    expect(cancels).toEqual([{ staffId: 'staff-yamada' }]);
  });
});
