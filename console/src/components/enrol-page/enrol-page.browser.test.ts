import type { EnrolInfo } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { FormResult } from '../../state/form-requests.js';
import type { TsgEnrolPage } from './enrol-page.component.js';
import './enrol-page.js';

const t = ja.enrol;
const invitation: EnrolInfo = { staffId: 'staff-yamada', username: 'yamada', displayName: '山田', role: 'counselor', keyVersion: 1 };
const FINGERPRINT = '01234 56789 13579 24680 11223';

async function mount(lookup: FormResult<{ invitation: EnrolInfo }>, enrol?: (password: string) => Promise<FormResult<{ fingerprint: string }>>) {
  const asked: string[] = [];
  const el = document.createElement('tsg-enrol-page') as TsgEnrolPage;
  el.lookup = async () => lookup;
  el.enrol = async (password, who) => {
    asked.push(password);
    expect(who).toEqual(invitation);
    return enrol ? enrol(password) : { ok: true, fingerprint: FINGERPRINT };
  };
  document.body.append(el);
  await el.updateComplete;
  return { el, asked };
}

const password = () => page.getByLabelText(t.password, { exact: true });
const again = () => page.getByLabelText(t.passwordAgain);
const submit = () => page.getByRole('button', { name: t.submit });

describe('the enrolment page', () => {
  afterEach(() => document.body.replaceChildren());

  it('says who the invitation is for', async () => {
    await mount({ ok: true, invitation });
    await expect.element(page.getByText(t.welcome('山田'))).toBeVisible();
    await expect.element(page.getByText('yamada', { exact: true })).toBeVisible();
    await expect.element(page.getByText(ja.role.counselor)).toBeVisible();
  });

  it('a used, expired or guessed link says so, with no form', async () => {
    await mount({ ok: false, error: ja.errors.INVITE_INVALID });
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.errors.INVITE_INVALID);
    await expect.element(submit()).not.toBeInTheDocument();
  });

  it('asks kindly for 12 characters, then the same twice; nothing is made before', async () => {
    const { asked } = await mount({ ok: true, invitation });
    await userEvent.fill(password(), 'mijikai');
    await userEvent.fill(again(), 'mijikai');
    await userEvent.click(submit());
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.tooShort);
    await userEvent.fill(password(), 'yamaguchi no umi wa aoi');
    await userEvent.fill(again(), 'yamaguchi no umi wa akai');
    await userEvent.click(submit());
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.mismatch);
    expect(asked).toEqual([]);
  });

  it('once enrolled, shows her fingerprint large in five groups, and what to do with it', async () => {
    const { el, asked } = await mount({ ok: true, invitation });
    const finished: unknown[] = [];
    el.addEventListener('tsg-enrol-finish', (e) => finished.push(e));
    await userEvent.fill(password(), 'yamaguchi no umi wa aoi');
    await userEvent.fill(again(), 'yamaguchi no umi wa aoi');
    await userEvent.click(submit());
    await expect.element(page.getByRole('heading', { name: t.doneHeading })).toBeVisible();
    expect(asked).toEqual(['yamaguchi no umi wa aoi']);
    const figure = page.getByRole('figure', { name: t.fingerprintLabel });
    for (const group of FINGERPRINT.split(' ')) await expect.element(figure.getByText(group, { exact: true })).toBeVisible();
    await expect.element(page.getByText(t.readAloud)).toBeVisible();
    await expect.element(page.getByText(t.afterConfirm)).toBeVisible();
    await expect.element(password()).not.toBeInTheDocument();
    await userEvent.click(page.getByRole('button', { name: t.toLogin }));
    expect(finished).toHaveLength(1);
  });

  it('a refusal from the relay keeps the form and says why', async () => {
    await mount({ ok: true, invitation }, async () => ({ ok: false, error: ja.errors.INVITE_INVALID }));
    await userEvent.fill(password(), 'yamaguchi no umi wa aoi');
    await userEvent.fill(again(), 'yamaguchi no umi wa aoi');
    await userEvent.click(submit());
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.errors.INVITE_INVALID);
    await expect.element(submit()).toBeEnabled();
  });
});
