import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import { focused } from '../../test/focus.js';
import type { TsgAppHeader } from './app-header.component.js';
import './app-header.js';

/** The header as the app shows it: a logout request marks it as logging out, as the app does. */
async function mount() {
  const header = document.createElement('tsg-app-header');
  Object.assign(header, { displayName: '佐藤', status: 'connected' });
  const asked: boolean[] = [];
  header.addEventListener('tsg-logout-request', (e) => {
    asked.push(e.detail.expired);
    header.loggingOut = true;
  });
  document.body.append(header);
  await header.updateComplete;
  return { header, asked };
}

/**
 * Logout ends on the login form (the app focuses it). While it is on its way the button used to
 * be disabled, which dropped her focus on the page with nothing said: a screen reader went
 * silent until the login form came. She stays on it now, and hears that it is under way.
 */
describe('logging out by keyboard', () => {
  afterEach(() => document.body.replaceChildren());

  it('keeps her on the button, says it is logging out, and asks only once', async () => {
    const { asked } = await mount();
    (page.getByRole('button', { name: ja.header.logout, exact: true }).element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const busy = page.getByRole('button', { name: ja.header.loggingOut });
    await expect.element(busy).toBeVisible();
    expect(focused()?.textContent?.trim()).toBe(ja.header.loggingOut);
    await expect.element(busy).toHaveAttribute('aria-disabled', 'true');
    await expect.element(page.getByRole('status')).toHaveTextContent(ja.header.loggingOut);

    await userEvent.keyboard('{Enter}');
    expect(asked).toEqual([false]);
  });
});
