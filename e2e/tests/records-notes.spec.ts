import fs from 'node:fs';
import { demoPaths } from '../relay-db.js';
import { desktopPage, expect, expectNoAxeViolations, phonePage, signIn, snap, test } from './fixtures.js';

const NOTE = '夫が出かける平日の昼なら電話できる。次は法テラスの案内から。';

/**
 * Issue 16's records key, end to end on the demo: a counselor writes a note with a phone call in
 * the case log (sealed in her browser to the records key the console config pins); the relay's
 * database holds only ciphertext; a supervisor opens it in 記録メモを読む with the demo records
 * key file and its passphrase, beside the call's closed-list fields, and it is gone once she
 * leaves the screen. Its own server, so the year's notes are this test's alone.
 */
test('a counselor’s case-log note is read by a supervisor with the records key file, and by nobody else', async ({ browser, ownServer: server }, info) => {
  // Three sign-ins and three opens of a passphrase-sealed key file, each an Argon2id derivation in
  // the browser: past the default minute in one CI run (2 cores, three workers side by side).
  test.setTimeout(180_000);
  const demo = demoPaths(server.banner);
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await sato.getByRole('button', { name: '電話などの記録' }).click();
  const form = sato.getByRole('form', { name: '電話・メール・面接の記録' });
  await expect(form.getByLabel('主訴', { exact: true })).toBeFocused();
  await sato.keyboard.type('11');
  const note = form.getByRole('textbox', { name: /^メモ（暗号化して保存）/ });
  await expect(note).toHaveValue('');
  await note.fill(NOTE);
  await expectNoAxeViolations(sato, 'case log with a note');
  await snap(sato, info, 'console-case-log-note');
  await note.press('Control+Enter');
  await expect(form.getByRole('status')).toHaveText(/^記録しました：\d+月\d+日 電話$/);
  await expect(note).toHaveValue('');

  // The relay's database file and its WAL hold the sealed note only.
  const bytes = Buffer.concat([demo.db, `${demo.db}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
  expect(bytes.includes(Buffer.from('法テラスの案内', 'utf8'))).toBe(false);
  expect(bytes.includes(Buffer.from('sealed_note', 'utf8'))).toBe(true);

  // The supervisor, on the same screen: the reader asks for the records key file and passphrase.
  const boss = await desktopPage(browser);
  await signIn(boss, 'supervisor', server);
  await boss.getByRole('button', { name: '電話などの記録' }).click();
  const reader = boss.getByRole('form', { name: '記録メモを読む' });
  await reader.getByLabel('記録の鍵ファイル').setInputFiles(demo.recordsKeyFile);
  await reader.getByLabel('記録の鍵のパスフレーズ').fill(`${demo.recordsPassphrase}x`);
  await reader.getByRole('button', { name: 'メモを開く' }).click();
  await expect(reader.getByRole('alert')).toHaveText('パスフレーズが正しくないか、鍵ファイルが書き換えられています。');
  await expect(boss.getByText(NOTE)).toHaveCount(0);
  // The organisation key file is not the records key.
  await reader.getByLabel('記録の鍵ファイル').setInputFiles(demo.orgKeyFile);
  await reader.getByLabel('記録の鍵のパスフレーズ').fill(demo.passphrase);
  await reader.getByRole('button', { name: 'メモを開く' }).click();
  await expect(reader.getByRole('alert')).toContainText('記録の鍵ファイルではないようです');

  await reader.getByLabel('記録の鍵ファイル').setInputFiles(demo.recordsKeyFile);
  await reader.getByLabel('記録の鍵のパスフレーズ').fill(demo.recordsPassphrase);
  await reader.getByRole('button', { name: 'メモを開く' }).click();
  const entry = boss.getByRole('article', { name: /^\d+月\d+日 電話$/ });
  await expect(entry).toContainText(NOTE);
  await expect(entry).toContainText('虐待・DV');
  await expect(reader.getByLabel('記録の鍵のパスフレーズ')).toHaveValue('');
  expect(await boss.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
  await expectNoAxeViolations(boss, 'records notes opened');
  await snap(boss, info, 'console-records-notes');

  // Leaving the screen forgets the key and the words.
  await boss.getByRole('button', { name: '年度報告' }).click();
  await boss.getByRole('button', { name: '電話などの記録' }).click();
  await expect(boss.getByText(NOTE)).toHaveCount(0);

  // Phone size: the same reader, one column.
  const phone = await phonePage(browser);
  await signIn(phone, 'supervisor', server);
  await phone.getByRole('button', { name: '電話などの記録' }).click();
  const small = phone.getByRole('form', { name: '記録メモを読む' });
  await small.getByLabel('記録の鍵ファイル').setInputFiles(demo.recordsKeyFile);
  await small.getByLabel('記録の鍵のパスフレーズ').fill(demo.recordsPassphrase);
  await small.getByRole('button', { name: 'メモを開く' }).click();
  await expect(phone.getByRole('article', { name: /^\d+月\d+日 電話$/ })).toContainText(NOTE);
  await expectNoAxeViolations(phone, 'records notes at phone size');
  await snap(phone, info, 'console-records-notes-phone');
});
