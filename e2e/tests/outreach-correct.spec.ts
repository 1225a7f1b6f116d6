import { desktopPage, expect, expectNoAxeViolations, signIn, snap, test } from './fixtures.js';

/**
 * Issue 16: a visit logged without an appointment is corrected (直す: the form takes it) or
 * withdrawn after a second yes, by keyboard, as the case log's entries are; the supervisor's year
 * report counts the corrected visit and not the withdrawn one. Its own server: the counts start at 0.
 */
test('a logged visit is corrected and another withdrawn by keyboard; the report counts the corrected figures', async ({ browser, ownServer: server }, info) => {
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await sato.getByRole('button', { name: '電話などの記録' }).click();
  const form = sato.getByRole('form', { name: '家庭訪問・同行支援の記録（予約なし）' });
  const visits = sato.getByRole('region', { name: '最近の訪問・同行（30日・自分の分）' });
  // Two home visits today, by Enter.
  for (const n of [2, 3]) {
    await form.getByLabel('種類').focus();
    await sato.keyboard.press('Enter');
    await expect(visits.getByRole('row')).toHaveCount(n);
  }

  // The first was an accompaniment to the police, 60 minutes or more.
  await visits.getByRole('row').nth(1).getByRole('button', { name: /^直す/ }).focus();
  await sato.keyboard.press('Enter');
  await expect(form).toContainText(/\d+月\d+日 家庭訪問 の記録を直しています。/);
  await expect(form.getByLabel('種類')).toBeFocused();
  await form.getByLabel('種類').selectOption('accompaniment');
  await form.getByLabel('時間').selectOption('60-plus');
  await form.getByLabel('同行先').selectOption('police');
  await form.getByLabel('同行先').focus();
  await sato.keyboard.press('Enter');
  await expect(form.getByRole('status')).toHaveText(/^直しました：\d+月\d+日 同行支援$/);
  await expect(visits.getByRole('row').filter({ hasText: '同行支援' })).toContainText('60分以上・警察');
  await expect(form.getByRole('button', { name: '記録する' })).toBeVisible();

  // The other is withdrawn: 取り下げる asks once more, focus on the question.
  const home = visits.getByRole('row').filter({ hasText: '家庭訪問' });
  await home.getByRole('button', { name: /^取り下げる/ }).focus();
  await sato.keyboard.press('Enter');
  await expect(visits.getByRole('button', { name: /^本当に取り下げる/ })).toBeFocused();
  await expectNoAxeViolations(sato, 'visits list asking to withdraw');
  await snap(sato, info, 'console-outreach-withdraw-confirm');
  await sato.keyboard.press('Enter');
  await expect(visits.getByRole('row')).toHaveCount(2);

  // The report: one accompaniment, no home visit.
  const boss = await desktopPage(browser);
  await signIn(boss, 'supervisor', server);
  const section = boss.getByRole('table', { name: /家庭訪問・同行支援（実施した回数）/ });
  await expect(section.getByRole('row', { name: /^合計/ }).getByRole('cell')).toHaveText(['0', '1']);
  await expect(boss.getByRole('table', { name: '同行支援の同行先' }).getByRole('row', { name: /^警察/ }).getByRole('cell')).toHaveText('1');
});
