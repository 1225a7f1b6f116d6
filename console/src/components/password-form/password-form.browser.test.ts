import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { FormResult, PasswordChange } from '../../state/form-requests.js';
import type { TsgPasswordForm } from './password-form.component.js';
import './password-form.js';

const t = ja.password;

async function mount(answer: () => FormResult) {
  const asked: PasswordChange[] = [];
  const el = document.createElement('tsg-password-form') as TsgPasswordForm;
  el.change = async (c) => {
    asked.push(c);
    return answer();
  };
  document.body.append(el);
  await el.updateComplete;
  return asked;
}

async function fill(current: string, next: string, again = next): Promise<void> {
  await userEvent.fill(page.getByLabelText(t.current), current);
  await userEvent.fill(page.getByLabelText(t.next, { exact: true }), next);
  await userEvent.fill(page.getByLabelText(t.nextAgain), again);
  await userEvent.click(page.getByRole('button', { name: t.submit }));
}

describe('the password change form', () => {
  afterEach(() => document.body.replaceChildren());

  it('checks the new password here first: 12 characters, typed twice, not the current one', async () => {
    const asked = await mount(() => ({ ok: true }));
    await fill('ima no password', 'mijikai');
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.enrol.tooShort);
    await fill('ima no password', 'atarashii password', 'atarashii passwort');
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.enrol.mismatch);
    await fill('onaji password desu', 'onaji password desu');
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.same);
    expect(asked).toEqual([]);
  });

  it('a wrong current password is said so; done empties the form and says her other sessions ended', async () => {
    let result: FormResult = { ok: false, error: t.wrongCurrent };
    const asked = await mount(() => result);
    await fill('tigau password', 'atarashii password');
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.wrongCurrent);
    result = { ok: true };
    await fill('ima no password', 'atarashii password');
    await expect.element(page.getByRole('status')).toHaveTextContent(t.done);
    await expect.element(page.getByLabelText(t.current)).toHaveValue('');
    expect(asked).toEqual([
      { current: 'tigau password', next: 'atarashii password' },
      { current: 'ima no password', next: 'atarashii password' },
    ]);
  });
});
