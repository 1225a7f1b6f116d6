import { admitted, RelayPushes, trustChanged } from '../relay-pushes.js';
import { type Lie, keysAndMessages, newestConsultation, tellLie } from '../relay-lies.js';
import { startServer } from '../server.js';
import { chatItems, desktopPage, expect, expectNoAxeViolations, phonePage, signIn, snap, startFromLanding, takeHer, test } from './fixtures.js';

/**
 * A relay that lies about the colleague a counselor hands a chat on to (issue 13): each test
 * rewrites a running relay's database behind its back, as a compromised relay could, about
 * Tanaka. Sato's console checks Tanaka's statement against the organisation key pinned in its
 * console-config.json, the role, the validity and the organisation's revocation list before it
 * seals anything: it refuses the transfer, says why, and the relay receives no key for Tanaka.
 * (widget-trust.spec.ts tells the same lies to her widget.)
 */

const CASES: { lie: Lie; what: string; reason: string }[] = [
  { lie: 'another-org', what: 'her statement swapped for one signed with another organisation key', reason: '引き継ぎ先の鍵は、この組織が署名したものではありません。鍵は渡していません。' },
  { lie: 'role-admin', what: 'a statement with role admin, signed by the real organisation key', reason: '引き継ぎ先は相談員として署名されていません。鍵は渡していません。' },
  { lie: 'expired', what: 'a statement whose notAfter has passed', reason: '引き継ぎ先の署名は期限が切れています。鍵は渡していません。' },
  { lie: 'revoked', what: 'a key the organisation revoked, still routed to by the relay', reason: '引き継ぎ先の鍵は失効しています。鍵は渡していません。' },
];

for (const { lie, what, reason } of CASES) {
  test(`relay lies about a transfer target (${what}): the console refuses, says why, and seals nothing`, async ({ browser }, info) => {
    const server = await startServer();
    try {
      const [tanaka, sato, client] = [await desktopPage(browser), await desktopPage(browser), await phonePage(browser)];
      // Tanaka is signed in while her statement is still true (her own console checks it at sign-in).
      const pushes = new RelayPushes(tanaka);
      await signIn(tanaka, 'tanaka', server);
      await pushes.after(0, admitted);
      const mark = pushes.mark();
      await tellLie(server.banner, 'tanaka', lie);
      // The relay has seen its database change: from now on it hands out the lie about her.
      await pushes.after(mark, trustChanged);

      // Sato signs in (her console fetches the organisation's list) and takes a woman.
      await signIn(sato, 'sato', server);
      await startFromLanding(client, `${server.url}/c/flyer`);
      await expect(client.getByText('いま 1 番目です。')).toBeVisible();
      await takeHer(sato, client);
      await expect(client.getByText('相談員につながりました')).toBeVisible();
      const id = newestConsultation(server.banner);

      await sato.getByRole('button', { name: '引き継ぐ', exact: true }).click();
      const form = sato.getByRole('form', { name: '相談を引き継ぐ' });
      await form.getByRole('combobox').selectOption({ label: '田中（対応中 0 / 3）' });
      await form.getByRole('button', { name: '引き継ぐ', exact: true }).click();
      // The chat's error line (where every refused action on a chat is said) tells her why.
      await expect(sato.getByRole('alert').filter({ hasText: reason })).toBeVisible();

      // Nothing was sealed to the lie: the relay holds Sato's key only, and the chat stays hers.
      expect(keysAndMessages(server.banner, id).grants).toEqual([{ username: 'sato', keyEpoch: 0 }]);
      await expect(chatItems(sato)).toHaveCount(1);
      await expect(sato.getByRole('textbox', { name: 'メッセージ' })).toBeEnabled();
      await expectNoAxeViolations(sato, `console transfer refused (${lie})`);
      await snap(sato, info, `console-transfer-refused-${lie}`);
    } finally {
      await server.stop();
    }
  });
}
