import { desktopPage, expect, expectNoAxeViolations, phonePage, signIn, snap, test, logLonelinessCall, setTargets } from './fixtures.js';

/**
 * The case log (電話などの記録): a counselor enters a phone call with the keyboard alone —
 * open the screen, type the topic's number, Enter — then a second one with more fields, corrects
 * and withdraws from her list; the supervisor's year report counts the channel. Its own server,
 * so the year's counts start from nothing.
 */
test('a counselor logs phone calls by keyboard, corrects and withdraws one; the report counts the channel', async ({ browser, ownServer: server }, info) => {
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  const form = sato.getByRole('form', { name: '電話・メール・面接の記録' });
  const list = sato.getByRole('region', { name: '最近の記録（30日・自分の分）' });

  // Keyboard only from here: focus the screen's button, Enter; the cursor lands on the topic.
  const started = Date.now();
  await sato.getByRole('button', { name: '電話などの記録' }).focus();
  await sato.keyboard.press('Enter');
  await expect(form.getByLabel('主訴', { exact: true })).toBeFocused();
  await sato.keyboard.type('11');
  await expect(form.getByLabel('主訴', { exact: true })).toHaveValue('虐待・DV');
  await sato.keyboard.press('Enter');
  await expect(form.getByRole('status')).toHaveText(/^記録しました：\d+月\d+日 電話$/);
  info.annotations.push({ type: 'phone call entered (ms, keyboard from the screen button)', description: String(Date.now() - started) });
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(form.getByLabel('主訴', { exact: true })).toBeFocused();

  // A second call: two topics, the outcome one down (情報提供), continuation. The first topic by
  // arrow keys (typing into the same select within a second would join the last call's "11").
  await expect(form.getByLabel('主訴', { exact: true })).toHaveValue('');
  for (let i = 0; i < 3; i++) await sato.keyboard.press('ArrowDown');
  await expect(form.getByLabel('主訴', { exact: true })).toHaveValue('生活不安');
  await sato.keyboard.press('Tab');
  await sato.keyboard.type('14');
  await sato.keyboard.press('Tab'); // 3つめ: none
  await sato.keyboard.press('Tab'); // 結果
  await sato.keyboard.press('ArrowDown');
  await sato.keyboard.press('Tab'); // 年代
  await sato.keyboard.press('Tab'); // 時間
  await sato.keyboard.press('Tab'); // 初回・継続
  await sato.keyboard.press('ArrowDown');
  await sato.keyboard.press('Enter');
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(list.getByRole('row').nth(1)).toContainText('生活不安・その他');
  await expect(list.getByRole('row').nth(1)).toContainText('情報提供');
  await expectNoAxeViolations(sato, 'case log');
  await snap(sato, info, 'console-case-log');

  // Correct the first call: it was mail. Then withdraw the second.
  await list.getByRole('row').nth(2).getByRole('button', { name: /^直す/ }).focus();
  await sato.keyboard.press('Enter');
  await expect(form).toContainText(/\d+月\d+日 電話 の記録を直しています。/);
  await expect(form.getByLabel('主訴', { exact: true })).toBeFocused();
  await sato.keyboard.press('Shift+Tab'); // from the topic back to 相談方法
  await expect(form.getByLabel('相談方法')).toBeFocused();
  await sato.keyboard.press('ArrowDown');
  await sato.keyboard.press('Enter');
  await expect(form.getByRole('status')).toHaveText(/^直しました：\d+月\d+日 メール$/);
  await expect(list.getByRole('row').nth(2)).toContainText('メール');

  await list.getByRole('row').nth(1).getByRole('button', { name: /^取り下げる/ }).focus();
  await sato.keyboard.press('Enter');
  await expect(list.getByRole('button', { name: /^本当に取り下げる/ })).toBeFocused();
  await sato.keyboard.press('Enter');
  await expect(list.getByRole('row')).toHaveCount(2);
  await expectNoAxeViolations(sato, 'case log after a withdrawal');

  // The supervisor's year report: one mail consultation, no phone (corrected), none withdrawn.
  const boss = await desktopPage(browser);
  await signIn(boss, 'supervisor', server);
  const channels = boss.getByRole('table', { name: /^チャネルごとの相談件数/ });
  await expect(channels).toContainText('合計 1件');
  await expect(channels.getByRole('row', { name: /メール/ })).toContainText('1');
  await expect(channels.getByRole('row', { name: /^電話/ })).toContainText('0');

  // Phone size: the form is one column and still usable.
  const phone = await phonePage(browser);
  await signIn(phone, 'tanaka', server);
  await phone.getByRole('button', { name: '電話などの記録' }).click();
  await expectNoAxeViolations(phone, 'case log at phone size');
  await snap(phone, info, 'console-case-log-phone');
});

test('an admin sets the year targets; the year report leads with targets against results', async ({ browser, ownServer: server }, info) => {
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await logLonelinessCall(sato);

  const admin = await desktopPage(browser);
  await signIn(admin, 'admin', server);
  await setTargets(admin, { '家庭訪問（回）': '45', '電話相談（件）': '2000', '生理用品の配布（セット）': '800' });
  const kpis = admin.getByRole('table', { name: /目標と実績/ });
  await expect(kpis.getByRole('row')).toHaveCount(4);
  await expect(kpis.getByRole('row', { name: /電話相談/ }).getByRole('cell')).toHaveText([/2,000/, '1', '0.1%', /\d/]);
  await expect(kpis.getByRole('row', { name: /家庭訪問/ }).getByRole('cell')).toHaveText(['45', '0', '0.0%', /\d/]);
  await expect(kpis.getByRole('row', { name: /配布/ }).getByRole('cell')).toHaveText(['800', '0', '0.0%', /\d/]);
  await expectNoAxeViolations(admin, 'year report with targets');
  await snap(admin, info, 'console-year-report-kpis');
});
