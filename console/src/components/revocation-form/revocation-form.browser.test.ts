import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { FormResult, OrgKeyInput } from '../../state/form-requests.js';
import type { TsgRevocationForm } from './revocation-form.component.js';
import './revocation-form.js';

const t = ja.revocations;
const DAY = 24 * 60 * 60 * 1000;
/** 2026-12-01 10:00 in Tokyo. */
const NOW = Date.UTC(2026, 11, 1, 1, 0, 0);

async function mount(list: TsgRevocationForm['list'], answer: FormResult = { ok: true }) {
  const asked: OrgKeyInput[] = [];
  const el = document.createElement('tsg-revocation-form') as TsgRevocationForm;
  Object.assign(el, { list, now: NOW, publish: async (input: OrgKeyInput) => (asked.push(input), answer) });
  document.body.append(el);
  await el.updateComplete;
  return asked;
}

describe('the revocation list form', () => {
  afterEach(() => document.body.replaceChildren());

  it('says when the held list was signed, and warns once it is more than a week old', async () => {
    await mount({ issuedAt: NOW - 2 * DAY, entries: 3 });
    await expect.element(page.getByText(t.held('2026-11-29', 3))).toBeVisible();
    await expect.element(page.getByText(t.stale)).not.toBeInTheDocument();
    document.body.replaceChildren();
    await mount({ issuedAt: NOW - 8 * DAY, entries: 1 });
    await expect.element(page.getByText(t.stale, { exact: false })).toBeVisible();
    document.body.replaceChildren();
    await mount(null);
    await expect.element(page.getByText(t.none)).toBeVisible();
  });

  it('needs the key file and passphrase, publishes, and forgets the passphrase', async () => {
    const asked = await mount({ issuedAt: NOW - 8 * DAY, entries: 1 });
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.sign.needFile);
    await userEvent.upload(page.getByLabelText(ja.sign.keyFile), new File(['{}'], 'org.key'));
    await userEvent.fill(page.getByLabelText(ja.sign.passphrase), 'the passphrase');
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('status')).toHaveTextContent(t.done);
    expect(asked.map((a) => [a.file?.name, a.passphrase])).toEqual([['org.key', 'the passphrase']]);
    await expect.element(page.getByLabelText(ja.sign.passphrase)).toHaveValue('');
  });
});
