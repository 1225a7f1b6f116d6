import { type Page, expect, test } from '@playwright/test';
import { admitted, RelayPushes, trustChanged } from '../relay-pushes.js';
import { type Lie, keysAndMessages, newestConsultation, tellLie } from '../relay-lies.js';
import { type RunningServer, startServer } from '../server.js';
import { desktopPage, expectNoAxeViolations, phonePage, signIn, snap, startFromLanding, takeHer } from './fixtures.js';

/**
 * A relay that lies about the counselor her widget is about to seal to (issue 13): each test
 * rewrites a running relay's database behind its back, as a compromised relay could, then a
 * counselor takes her. The widget checks the statement against the organisation key pinned in
 * its snippet, the role, the validity and the organisation's revocation list: it shows the
 * 'unsafe' screen with the reason in plain words, and seals nothing — the relay holds no key of
 * her consultation and no message.
 */

const CASES: { lie: Lie; what: string; reason: string }[] = [
  { lie: 'another-org', what: 'a colleague’s statement swapped for one signed with another organisation key', reason: 'この相談員の鍵を、確認できませんでした。' },
  { lie: 'role-admin', what: 'a statement with role admin, signed by the real organisation key', reason: 'この相談員の鍵を、確認できませんでした。' },
  { lie: 'expired', what: 'a statement whose notAfter has passed', reason: 'この相談員の鍵は、いまは使えない期間のものでした。' },
  { lie: 'revoked', what: 'a key the organisation revoked, still routed to by the relay', reason: 'この相談員の鍵は、もう使えないものになっていました。' },
];

/** Sato signs in and her socket is admitted; her statement is still true at sign-in (her console checks its own). */
async function satoSignedIn(page: Page, server: RunningServer): Promise<RelayPushes> {
  const pushes = new RelayPushes(page);
  await signIn(page, 'sato', server);
  await pushes.after(0, admitted);
  return pushes;
}

for (const { lie, what, reason } of CASES) {
  test(`relay lies (${what}): her widget says why, shows 'unsafe', and seals nothing`, async ({ browser }, info) => {
    const server = await startServer();
    try {
      const [sato, client] = [await desktopPage(browser), await phonePage(browser)];
      const pushes = await satoSignedIn(sato, server);
      const mark = pushes.mark();
      await tellLie(server.banner, 'sato', lie);
      // The relay has seen its database change (its reconciler), so what it tells the widget next is the lie.
      await pushes.after(mark, trustChanged);

      await startFromLanding(client, `${server.url}/c/flyer`);
      await expect(client.getByText('いま 1 番目です。')).toBeVisible();
      const listFetched = client.waitForResponse((r) => r.url() === `${server.url}/api/trust/revocations`);
      await takeHer(sato, client);
      await expect(client.getByRole('heading', { name: '安全な接続を確認できませんでした' })).toBeVisible();
      await expect(client.getByText(reason)).toBeVisible();
      expect(await client.getByText(reason).evaluate((el) => getComputedStyle(el).wordBreak)).toBe('auto-phrase');
      await expect(client.getByText('あなたのメッセージは送られていません。')).toBeVisible();
      await expect(client.getByRole('textbox', { name: 'メッセージ' })).toHaveCount(0);

      // Her widget asked for the organisation's revocation list before deciding (no cookies go with it).
      expect((await listFetched).request().headers().cookie).toBeUndefined();
      // Nothing was sealed to the lie: the relay holds no key of hers, and no message but the intake
      // every start sends (issue 15), sealed under her own key, which nobody was given.
      expect(keysAndMessages(server.banner, newestConsultation(server.banner))).toEqual({ grants: [], messages: [{ senderRole: 'client', keyEpoch: 0, seq: 1 }] });
      // The counselor's console has her chat, but no key to open it with.
      await expect(sato.getByText('相談者の端末と暗号鍵を交換しています…')).toBeVisible();
      await expectNoAxeViolations(client, `widget unsafe (${lie})`);
      await snap(client, info, `widget-unsafe-${lie}-ja-360`);
      if (lie === 'another-org' || lie === 'revoked') {
        for (const lang of ['ja-easy', 'en'] as const) {
          await client.getByRole('combobox', { name: /^(言語|ことば|Language)$/ }).selectOption(lang);
          const heading = client.getByRole('heading', { name: lang === 'en' ? 'We could not confirm a safe connection' : 'あんぜんに つなげません でした' });
          await expect(heading).toBeVisible();
          // やさしい日本語 breaks its lines at the spaces it is written with, not inside a word.
          if (lang === 'ja-easy') expect(await heading.evaluate((el) => getComputedStyle(el).wordBreak)).toBe('keep-all');
          await expectNoAxeViolations(client, `widget unsafe (${lie}, ${lang})`);
          await snap(client, info, `widget-unsafe-${lie}-${lang}-360`);
        }
      }
    } finally {
      await server.stop();
    }
  });
}
