import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { chatHarness } from '../test/chat-harness.js';

/**
 * Issue 15: when a message was written travels inside its ciphertext (the relay keeps only the
 * order). The chat panel shows each message's time from its decrypted body, a message sealed
 * before that shows none, and what she sends carries the time from this console's clock.
 * Real encryption, the real panel; the relay stands in for the server's socket.
 */
describe('message times from inside the ciphertext', () => {
  afterEach(() => document.body.replaceChildren());

  const times = (panel: HTMLElement) => [...(panel.shadowRoot?.querySelectorAll('li time') ?? [])].map((t) => [t.getAttribute('datetime'), t.textContent?.trim()]);

  it('shows the time sealed in each message (Tokyo), none for one sealed before times moved inside, and seals the time with hers', async () => {
    const h = await chatHarness([
      { from: 'client', seq: 1, text: '眠れません', writtenAt: '2026-11-30T03:58:41.120Z' },
      { from: 'counselor', seq: 1, text: '前からのお返事' },
    ]);
    await expect.element(page.getByText('前からのお返事')).toBeVisible();
    // Hers has its time; the older counselor message has none (none is invented).
    expect(times(h.panel)).toEqual([['2026-11-30T03:58:41.120Z', '12:58']]);

    await userEvent.fill(page.getByRole('textbox', { name: 'メッセージ' }), 'お話しを聞かせてください');
    await userEvent.click(page.getByRole('button', { name: '送信' }));
    await expect.element(page.getByText('お話しを聞かせてください')).toBeVisible();
    const sealed = h.bodyOf(h.relay.received[0]!);
    expect(sealed).toEqual({ kind: 'text', text: 'お話しを聞かせてください', writtenAt: '2026-11-30T04:05:00.000Z' });
    await expect.poll(() => times(h.panel)).toEqual([
      ['2026-11-30T03:58:41.120Z', '12:58'],
      ['2026-11-30T04:05:00.000Z', '13:05'],
    ]);
  });
});
