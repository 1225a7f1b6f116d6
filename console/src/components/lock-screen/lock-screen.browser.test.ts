import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { FormResult } from '../../state/form-requests.js';
import type { TsgLockScreen } from './lock-screen.component.js';
import './lock-screen.js';

describe('the lock screen', () => {
  afterEach(() => document.body.replaceChildren());

  it('says why it locked, hands her password to unlock once, and clears the field after a miss', async () => {
    const tried: string[] = [];
    let answer: FormResult = { ok: false, error: ja.lock.wrong };
    const el = document.createElement('tsg-lock-screen') as TsgLockScreen;
    el.minutes = 15;
    el.unlock = async (password) => {
      tried.push(password);
      return answer;
    };
    document.body.append(el);
    el.focus();
    await expect.element(page.getByRole('heading', { name: ja.lock.heading })).toBeVisible();
    await expect.element(page.getByText(ja.lock.intro(15))).toBeVisible();
    const field = page.getByLabelText(ja.lock.password);
    await expect.poll(() => el.shadowRoot?.activeElement?.id).toBe('lock-password');

    await userEvent.fill(field, 'tigau password');
    await userEvent.click(page.getByRole('button', { name: ja.lock.submit }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.lock.wrong);
    await expect.element(field).toHaveValue('');

    answer = { ok: true };
    await userEvent.fill(field, 'demo-sato-2026');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => tried).toEqual(['tigau password', 'demo-sato-2026']);
    await expect.element(page.getByRole('alert')).toHaveTextContent(/^$/);
  });
});
