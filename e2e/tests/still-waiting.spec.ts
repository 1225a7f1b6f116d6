import { desktopPage, expect, expectNoAxeViolations, phonePage, snap, startFromLanding, test } from './fixtures.js';

/**
 * Issue 14: a woman who waits quietly in a long queue is asked before anything ends. The relay
 * here asks after 3 seconds of silence (TSUNAGARI_CLIENT_SILENCE_MIN=0.05) and keeps her place
 * for a minute to answer; she answers with one button and stays in line.
 */
test.use({ serverEnv: { TSUNAGARI_CLIENT_SILENCE_MIN: '0.05', TSUNAGARI_CLIENT_SILENCE_ANSWER_MIN: '1' } });

test('asked 「まだお待ちですか？」 after a quiet wait: read out at once, answered with one button, and she keeps her place', async ({ browser, ownServer: server }, info) => {
  for (const [open, name] of [[phonePage, 'widget-still-waiting-360'], [desktopPage, 'widget-still-waiting-desktop']] as const) {
    const client = await open(browser);
    await startFromLanding(client, `${server.url}/c/still-waiting-e2e`);
    await expect(client.getByText(/番目です/)).toBeVisible();
    const question = client.getByRole('alert').filter({ hasText: 'まだお待ちですか？' });
    await expect(question).toBeVisible({ timeout: 15_000 });
    await expect(question).toContainText(/\d{2}:\d{2} までに/);
    await expectNoAxeViolations(client, `the still-waiting question (${name})`);
    await snap(client, info, name);
    await question.getByRole('button', { name: 'まだ待っています' }).click();
    await expect(question).toBeHidden();
    await expect(client.getByText(/番目です/)).toBeVisible();
    await client.context().close();
  }
});
