import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { demoPaths, openRelayDb } from '../relay-db.js';
import { type RunningServer, parseDemoLogins, startServer } from '../server.js';
import { desktopPage, expect, expectNoAxeViolations, phonePage, say, signIn, snap, startFromLanding, takeHer, test } from './fixtures.js';

/**
 * Issue 13 in the console, against a real relay with its own database: an admin invites, the new
 * counselor enrols in her own browser, the two compare fingerprints and the admin signs with the
 * organisation key file (read in her browser, never uploaded); a relay that swaps keys, lowers
 * the KDF parameters or is told to disable someone; the idle lock and the password change.
 * One server for the file: each test works on its own staff members.
 *
 * Over 300 lines on purpose: the six tests share that one relay, its database and the helpers
 * above them (invite, enrol, sign); split across files, each file would start a relay and a
 * database of its own, which the suite's time cannot afford.
 */

let server: RunningServer;
let demo: ReturnType<typeof demoPaths>;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  server = await startServer({ TSUNAGARI_HOURS: 'always' });
  demo = demoPaths(server.banner);
});
test.afterAll(async () => server?.stop());

const passwordOf = (username: string) => parseDemoLogins(server.banner).find((l) => l.username === username)?.password ?? '';

async function openStaffView(admin: Page): Promise<void> {
  await admin.getByRole('button', { name: '職員', exact: true }).click();
  await expect(admin.getByRole('heading', { name: '職員の管理' })).toBeVisible();
}

/** The admin invites a counselor; the link is shown once. */
async function invite(admin: Page, username: string, displayName: string): Promise<string> {
  const form = admin.getByRole('form', { name: '職員を招待する' });
  await form.getByRole('textbox', { name: 'ユーザー名' }).fill(username);
  await form.getByRole('textbox', { name: '表示名' }).fill(displayName);
  await form.getByRole('combobox', { name: '役割' }).selectOption({ label: '相談員' });
  await form.getByRole('button', { name: '招待リンクを作る' }).click();
  const link = admin.getByRole('textbox', { name: '招待リンク' });
  await expect(link).toHaveValue(/\/console\/#invite=[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

/** The digits a fingerprint figure shows, as one line of five groups. */
async function digitsOf(figure: Locator): Promise<string> {
  await expect(figure).toBeVisible();
  return (await figure.locator('.digits').innerText()).replace(/\s+/g, ' ').trim();
}

/** She opens her link, chooses her password, and her browser makes and wraps her keys. */
async function enrol(page: Page, link: string, password: string): Promise<string> {
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'アカウントの登録' })).toBeVisible();
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByLabel('パスワード（確認のためもう一度）').fill(password);
  await page.getByRole('button', { name: '鍵を作って登録する' }).click();
  await expect(page.getByRole('heading', { name: '登録の手続きができました' })).toBeVisible();
  return digitsOf(page.getByRole('figure', { name: 'あなたの鍵の確認番号' }));
}

/** The admin's form for one staff member's action, opened from the directory. */
async function openAction(admin: Page, displayName: string, button: string, heading: string): Promise<Locator> {
  await admin.getByRole('group', { name: `${displayName}さんの操作` }).getByRole('button', { name: button }).click();
  const form = admin.getByRole('form', { name: heading });
  await expect(form).toBeVisible();
  return form;
}

/** The key file (read by her browser) and its passphrase. */
async function useOrgKey(form: Locator, passphrase = demo.passphrase): Promise<void> {
  await form.getByLabel('組織の鍵ファイル').setInputFiles(demo.orgKeyFile);
  await form.getByLabel('鍵ファイルのパスフレーズ').fill(passphrase);
}

async function signInAs(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('textbox', { name: 'ユーザー名' }).fill(username);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

test('an admin invites, she enrols in her own browser, they compare fingerprints, the admin signs; she signs in and takes a chat', async ({ browser }, info) => {
  test.setTimeout(180_000);
  const admin = await desktopPage(browser);
  await signIn(admin, 'admin', server);
  await openStaffView(admin);
  const link = await invite(admin, 'yamada', '山田');
  await expectNoAxeViolations(admin, 'staff view with an invitation link');
  await snap(admin, info, 'console-staff-invite');

  // She enrols on her phone-sized browser: a short password is refused kindly first.
  const yamada = await phonePage(browser);
  await yamada.goto(link);
  await expect(yamada.getByText('山田さん、ようこそ。')).toBeVisible();
  await yamada.getByLabel('パスワード', { exact: true }).fill('mijikai');
  await yamada.getByLabel('パスワード（確認のためもう一度）').fill('mijikai');
  await yamada.getByRole('button', { name: '鍵を作って登録する' }).click();
  await expect(yamada.getByRole('alert')).toHaveText(/12文字以上/);
  await expectNoAxeViolations(yamada, 'enrolment page');
  await snap(yamada, info, 'console-enrol-form-360');
  const password = 'yamaguchi no umi wa aoi';
  const hers = await enrol(yamada, link, password);
  expect(hers).toMatch(/^\d{5}( \d{5}){4}$/);
  await expect(yamada.getByText(/管理者に読み上げて/)).toBeVisible();
  await expectNoAxeViolations(yamada, 'enrolment done, fingerprint shown');
  await snap(yamada, info, 'console-enrol-fingerprint-360');

  // The admin reloads the list: she is waiting. The fingerprint computed in the admin's browser is hers.
  await admin.getByRole('button', { name: '一覧を読み込み直す' }).click();
  const form = await openAction(admin, '山田', '確認して署名', '山田さんの鍵を確認して署名する');
  expect(await digitsOf(form.getByRole('figure', { name: '管理画面で計算した確認番号' }))).toBe(hers);
  await form.getByRole('textbox', { name: '本人が読み上げた確認番号' }).fill(hers.replace(/ /g, ''));
  await useOrgKey(form);
  await expectNoAxeViolations(admin, 'sign form');
  await form.getByRole('heading').scrollIntoViewIfNeeded();
  await snap(admin, info, 'console-staff-sign-form');
  await form.getByRole('button', { name: '署名して有効にする' }).click();
  await expect(admin.getByText('山田さんの署名を登録しました。ログインできるようになりました。')).toBeVisible();
  const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: '山田' }) });
  await expect(row).toContainText('有効');
  await expect(row).toContainText(/\d{4}-\d{2}-\d{2}まで/);
  await admin.getByRole('table', { name: '職員の一覧' }).scrollIntoViewIfNeeded();
  await snap(admin, info, 'console-staff-directory');

  // She signs in with the password her browser wrapped her keys under, and takes a chat.
  await yamada.getByRole('button', { name: 'ログイン画面へ' }).click();
  await expect(yamada).toHaveURL(/\/console\/$/);
  await signInAs(yamada, 'yamada', password);
  await expect(yamada.getByRole('button', { name: 'ログアウト' })).toBeVisible();
  const client = await phonePage(browser);
  await startFromLanding(client, `${server.url}/c/flyer`);
  await expect(client.getByText(/番目です/)).toBeVisible();
  await takeHer(yamada, client);
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  await say(client, 'はじめまして');
  await expect(yamada.getByText('はじめまして', { exact: true })).toBeVisible();
});

test('a relay that swaps her keys during enrolment: the admin’s fingerprint differs from hers, and nothing is signed', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await desktopPage(browser);
  await signIn(admin, 'admin', server);
  await openStaffView(admin);
  const link = await invite(admin, 'kimura', '木村');
  const hers = await enrol(await desktopPage(browser), link, 'kimura no password desu');

  // Between her upload and the admin's look, the relay puts a key of its own in her pending row.
  const db = openRelayDb(demo.db);
  try {
    expect(db.prepare("UPDATE staff SET box_public_key = ? WHERE username = 'kimura'").run(randomBytes(32).toString('base64url')).changes).toBe(1);
  } finally {
    db.close();
  }

  await admin.getByRole('button', { name: '一覧を読み込み直す' }).click();
  const form = await openAction(admin, '木村', '確認して署名', '木村さんの鍵を確認して署名する');
  const shown = await digitsOf(form.getByRole('figure', { name: '管理画面で計算した確認番号' }));
  expect(shown).not.toBe(hers);
  // She reads her digits out; the admin types them; they do not match what the relay holds.
  await form.getByRole('textbox', { name: '本人が読み上げた確認番号' }).fill(hers);
  await useOrgKey(form);
  await form.getByRole('button', { name: '署名して有効にする' }).click();
  await expect(form.getByRole('alert')).toHaveText(/番号が一致しません。署名はしません。/);
  await admin.getByRole('button', { name: '一覧を読み込み直す' }).click();
  await expect(admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: '木村' }) })).toContainText('確認待ち');
  const check = openRelayDb(demo.db);
  try {
    expect(check.prepare("SELECT status, statement FROM staff WHERE username = 'kimura'").get()).toEqual({ status: 'pending', statement: null });
  } finally {
    check.close();
  }
});

test('weak KDF parameters from the relay: the console refuses to derive, and never sends a login', async ({ browser }) => {
  // A relay at the production floor (the shared e2e server derives at the test minimum), whose
  // database is then rewritten to hand the supervisor libsodium's minimum, to make a captured
  // login value cheap to guess. The console's own config says moderate.
  const relay = await startServer({ STAFF_KDF: 'moderate' });
  try {
    const db = openRelayDb(demoPaths(relay.banner).db);
    try {
      expect(db.prepare("UPDATE staff SET kdf_opslimit = 1, kdf_memlimit = 8388608 WHERE username = 'supervisor'").run().changes).toBe(1);
    } finally {
      db.close();
    }
    const page = await desktopPage(browser);
    const logins: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/auth/login')) logins.push(r.url());
    });
    await page.goto(`${relay.url}/console/`);
    await signInAs(page, 'supervisor', parseDemoLogins(relay.banner).find((l) => l.username === 'supervisor')?.password ?? '');
    await expect(page.getByRole('alert')).toHaveText(/パスワード保護の設定が、このコンソールの基準より弱いため、ログインを中止しました/);
    expect(logins).toEqual([]);
    await expect(page.getByRole('button', { name: 'ログアウト' })).toHaveCount(0);
    // The same console signs in a staff member whose parameters the relay left alone.
    await signIn(page, 'sato', relay);
  } finally {
    await relay.stop();
  }
});

test('disabling a counselor who has the console open signs her out at once; she cannot sign in again', async ({ browser }, info) => {
  test.setTimeout(180_000);
  const tanaka = await desktopPage(browser);
  await signIn(tanaka, 'tanaka', server);
  const admin = await desktopPage(browser);
  await signIn(admin, 'admin', server);
  await openStaffView(admin);
  const form = await openAction(admin, '田中', '無効にする', '田中さんを無効にする');

  // Not without the confirmation, and not with a wrong passphrase: nothing happens to her.
  await useOrgKey(form);
  await form.getByRole('button', { name: '署名して無効にする' }).click();
  await expect(form.getByRole('alert')).toHaveText('確認のチェックを入れてください。');
  await form.getByRole('checkbox', { name: '内容を確かめました。無効にします。' }).check();
  await useOrgKey(form, `${demo.passphrase}-wrong`);
  await form.getByRole('button', { name: '署名して無効にする' }).click();
  await expect(form.getByRole('alert')).toHaveText(/パスフレーズが正しくないか/);
  await expect(form.getByLabel('鍵ファイルのパスフレーズ')).toHaveValue('');
  await expect(tanaka.getByRole('button', { name: 'ログアウト' })).toBeVisible();
  await expectNoAxeViolations(admin, 'disable form');
  await form.getByRole('heading').scrollIntoViewIfNeeded();
  await snap(admin, info, 'console-staff-disable-form');

  await useOrgKey(form);
  await form.getByRole('button', { name: '署名して無効にする' }).click();
  await expect(admin.getByText('田中さんを無効にしました。')).toBeVisible();
  // Her socket was closed before the admin's answer came; her console signs her out within a second.
  await expect(tanaka.getByRole('heading', { name: 'ログイン' })).toBeVisible({ timeout: 1_000 });
  const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: '田中' }) });
  await expect(row).toContainText('無効');
  await expect(row).toContainText('失効しています');

  await signInAs(tanaka, 'tanaka', passwordOf('tanaka'));
  await expect(tanaka.getByRole('alert')).toHaveText(/ユーザー名またはパスワードが正しくありません/);

  // The list the relay now publishes verified here, with her entry; re-signed with today's date (trust:publish).
  const lists = admin.getByRole('form', { name: '失効リスト' });
  await expect(lists).toContainText('失効 1件');
  await useOrgKey(lists);
  await lists.getByRole('button', { name: '署名して公開する' }).click();
  await expect(lists.getByRole('status')).toHaveText('失効リストを署名し直して公開しました。');
  await expect(lists).toContainText('失効 1件');
});

test('after 15 minutes without input the console locks: keys wiped, chats listed but unreadable until her password', async ({ browser }, info) => {
  test.setTimeout(180_000);
  const sato = await desktopPage(browser);
  await sato.clock.install();
  await signIn(sato, 'sato', server);
  const client = await phonePage(browser);
  await startFromLanding(client, `${server.url}/c/flyer`);
  await takeHer(sato, client);
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  await say(client, '夜になると不安です');
  await expect(sato.getByText('夜になると不安です', { exact: true })).toBeVisible();

  await sato.clock.fastForward(16 * 60_000);
  await expect(sato.getByRole('heading', { name: '画面をロックしました' })).toBeVisible();
  // Her words are nowhere on the page now, the live region included.
  await expect(sato.getByText('夜になると不安です')).toHaveCount(0);
  // Still listed (the list is inert while locked, so it is looked for by its markup, not its role).
  await expect(sato.locator('tsg-chat-list li')).toHaveCount(1);
  await expect(sato.locator('tsg-chat-list li')).toContainText('ロック中');
  await expectNoAxeViolations(sato, 'lock screen');
  await snap(sato, info, 'console-lock-screen');

  await sato.getByLabel('パスワード', { exact: true }).fill('not her password');
  await sato.getByRole('button', { name: 'ロックを解除' }).click();
  await expect(sato.getByRole('alert').filter({ hasText: 'パスワードが正しくありません。' })).toBeVisible();
  await sato.getByLabel('パスワード', { exact: true }).fill(passwordOf('sato'));
  await sato.getByRole('button', { name: 'ロックを解除' }).click();
  await expect(sato.getByText('夜になると不安です', { exact: true })).toBeVisible();
  // The page's clock jumped 16 minutes past the relay's heartbeats, so its socket closed and is
  // reconnecting (a test artefact: real idle time keeps the heartbeats): wait for it, then answer.
  await expect(sato.getByText(/再接続しています|サーバーに接続しています/)).toHaveCount(0);
  await say(sato, 'お話を聞かせてください');
  await expect(client.getByText('お話を聞かせてください')).toBeVisible();

  // Locked again, five wrong passwords sign her out altogether.
  await sato.clock.fastForward(16 * 60_000);
  await expect(sato.getByRole('heading', { name: '画面をロックしました' })).toBeVisible();
  for (let i = 1; i <= 5; i++) {
    await sato.getByLabel('パスワード', { exact: true }).fill(`wrong password ${i}`);
    await sato.getByRole('button', { name: 'ロックを解除' }).click();
    if (i < 5) await expect(sato.getByLabel('パスワード', { exact: true })).toHaveValue('');
  }
  await expect(sato.getByRole('heading', { name: 'ログイン' })).toBeVisible();
  await expect(sato.getByRole('alert')).toHaveText('パスワードの誤りが続いたため、ログアウトしました。');
});

test('the header menu shows the pinned organisation key; she changes her password in her browser', async ({ browser }, info) => {
  test.setTimeout(180_000);
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await sato.getByRole('button', { name: 'メニュー' }).click();
  expect(await digitsOf(sato.getByRole('figure', { name: '組織の鍵の確認番号' }))).toMatch(/^\d{5}( \d{5}){4}$/);
  await expectNoAxeViolations(sato, 'header menu');
  await snap(sato, info, 'console-header-menu');
  await sato.getByRole('button', { name: 'パスワードを変更' }).click();

  const form = sato.getByRole('region', { name: 'パスワードの変更' });
  const next = 'atarashii password desu';
  await form.getByLabel('今のパスワード').fill('not the current one');
  await form.getByLabel('新しいパスワード', { exact: true }).fill(next);
  await form.getByLabel('新しいパスワード（確認のためもう一度）').fill(next);
  await form.getByRole('button', { name: '変更する' }).click();
  await expect(form.getByRole('alert')).toHaveText('今のパスワードが正しくありません。');
  await form.getByLabel('今のパスワード').fill(passwordOf('sato'));
  await form.getByLabel('新しいパスワード', { exact: true }).fill(next);
  await form.getByLabel('新しいパスワード（確認のためもう一度）').fill(next);
  await form.getByRole('button', { name: '変更する' }).click();
  // The new wrap is Argon2id at moderate (256 MiB) in the page's wasm, by design: on a loaded
  // 2-core machine that alone can take longer than the default 15 s.
  await expect(form.getByRole('status')).toHaveText(/パスワードを変更しました/, { timeout: 60_000 });
  await expectNoAxeViolations(sato, 'password form');
  await snap(sato, info, 'console-password-changed');

  await sato.getByRole('button', { name: 'ログアウト' }).click();
  await signInAs(sato, 'sato', passwordOf('sato'));
  await expect(sato.getByRole('alert')).toHaveText(/ユーザー名またはパスワードが正しくありません/);
  await signInAs(sato, 'sato', next);
  // Signing in derives at the new wrap's moderate strength (see above).
  await expect(sato.getByRole('button', { name: 'ログアウト' })).toBeVisible({ timeout: 60_000 });
});
