import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { TsgHeaderMenu } from './header-menu.component.js';
import './header-menu.js';

describe('the header menu', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows the pinned organisation key’s fingerprint, closes on Escape, and leads to the password change', async () => {
    const el = document.createElement('tsg-header-menu') as TsgHeaderMenu;
    el.orgFingerprint = '98765 43210 11111 22222 33333';
    const views: unknown[] = [];
    el.addEventListener('tsg-view-change', (e) => views.push((e as CustomEvent).detail));
    document.body.append(el);
    const toggle = page.getByRole('button', { name: ja.menu.open });
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    await expect.element(page.getByRole('figure', { name: ja.menu.orgKey }).getByText('43210', { exact: true })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    await userEvent.click(page.getByRole('button', { name: ja.menu.password }));
    expect(views).toEqual([{ view: 'password' }]);
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
  });
});
