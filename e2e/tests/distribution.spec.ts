import { desktopPage, expect, expectNoAxeViolations, listCampaigns, phonePage, signIn, snap, startFromLanding, test } from './fixtures.js';

/**
 * Distribution events (生理用品配布会): the admin lists the flyers' campaign, a woman starts a chat
 * from its QR page, and a supervisor records today's event on the records screen with the
 * keyboard; the year report shows the event, its sets against the target, and the chat its
 * campaign brought. A counselor sees the list only. axe at desktop and 360 px. Its own server.
 */
test('a supervisor records a distribution event and sees it in the year report', async ({ browser, ownServer: server }, info) => {
  const admin = await listCampaigns(browser, server, ['haifu-e2e']);
  const targets = admin.getByRole('form', { name: /の目標を設定する/ });
  await admin.getByRole('button', { name: '年度報告' }).click();
  await targets.getByLabel('生理用品の配布（セット）').fill('800');
  await targets.getByRole('button', { name: '目標を保存' }).click();
  await expect(targets.getByRole('status')).toHaveText('目標を保存しました。');
  await admin.context().close();

  // She scans the flyer's code and starts a chat (she stays waiting; nobody needs to take her).
  const her = await phonePage(browser);
  await startFromLanding(her, `${server.url}/c/haifu-e2e`);
  await expect(her.getByText(/番目です/)).toBeVisible();

  const boss = await desktopPage(browser);
  await signIn(boss, 'supervisor', server);
  await boss.getByRole('button', { name: '電話などの記録' }).click();
  const form = boss.getByRole('form', { name: '生理用品配布会の記録' });
  const list = boss.getByRole('region', { name: '今年度の配布会' });
  await expect(list).toContainText('まだ配布会の記録はありません。');

  // Keyboard from the place on: choose it, Tab through partner, sets, flyers, campaign; Enter saves.
  const place = form.getByLabel('市町');
  await place.focus();
  await place.selectOption('宇部市');
  await boss.keyboard.press('Tab');
  await expect(form.getByLabel('連携団体')).toBeFocused();
  await boss.keyboard.type('こども食堂うべ');
  await boss.keyboard.press('Tab');
  await boss.keyboard.type('64');
  await boss.keyboard.press('Tab');
  await boss.keyboard.type('80');
  await boss.keyboard.press('Tab');
  await expect(form.getByLabel('チラシのキャンペーン')).toBeFocused();
  await form.getByLabel('チラシのキャンペーン').selectOption('haifu-e2e');
  await boss.keyboard.press('Enter');
  await expect(form.getByRole('status')).toHaveText(/^記録しました：\d+月\d+日 宇部市$/);
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('row').nth(1)).toContainText('こども食堂うべ');
  await expect(form.getByLabel('市町')).toBeFocused();
  await expectNoAxeViolations(boss, 'distribution form and list');
  // Tall enough that the whole records screen (its own scroll box) is in the picture.
  await boss.setViewportSize({ width: 1280, height: 1500 });
  await snap(boss, info, 'console-distribution');
  await boss.setViewportSize({ width: 1280, height: 800 });

  // A place left out is said at the field, and nothing is saved.
  await boss.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('市町を選んでください。');
  await expect(list.getByRole('row')).toHaveCount(2);

  // The year report: the event, its sets against the target, and her chat from its campaign.
  await boss.getByRole('button', { name: '年度報告' }).click();
  const events = boss.getByRole('table', { name: /生理用品配布会（1回）/ });
  await expect(events.getByRole('row', { name: /宇部市/ }).getByRole('cell')).toHaveText(['宇部市', 'こども食堂うべ', '64', '80', 'haifu-e2e', '1']);
  const kpis = boss.getByRole('table', { name: /目標と実績/ });
  await expect(kpis.getByRole('row', { name: /配布/ }).getByRole('cell')).toHaveText(['800', '64', '8.0%', /\d/]);
  await expectNoAxeViolations(boss, 'year report with distribution events');
  await events.scrollIntoViewIfNeeded();
  await snap(boss, info, 'console-year-report-distribution');

  // At phone size: the form is one column, the report's table scrolls in its own box.
  const phone = await phonePage(browser);
  await signIn(phone, 'supervisor', server);
  await expect(phone.getByRole('table', { name: /生理用品配布会（1回）/ })).toBeVisible();
  await expectNoAxeViolations(phone, 'year report at phone size');
  await phone.getByRole('table', { name: /生理用品配布会（1回）/ }).scrollIntoViewIfNeeded();
  await snap(phone, info, 'console-year-report-distribution-phone');
  await phone.getByRole('button', { name: '電話などの記録' }).click();
  await expect(phone.getByRole('form', { name: '生理用品配布会の記録' })).toBeVisible();
  await expectNoAxeViolations(phone, 'distribution form at phone size');
  await phone.getByRole('form', { name: '生理用品配布会の記録' }).scrollIntoViewIfNeeded();
  await snap(phone, info, 'console-distribution-phone');

  // A counselor sees the event, with nothing to change it.
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await sato.getByRole('button', { name: '電話などの記録' }).click();
  const seen = sato.getByRole('region', { name: '今年度の配布会' });
  await expect(seen.getByRole('row', { name: /宇部市/ })).toContainText('こども食堂うべ');
  await expect(seen).toContainText('配布会の記録と訂正は、スーパーバイザーが行います。');
  await expect(seen.getByRole('button')).toHaveCount(0);
  await expect(sato.getByRole('form', { name: '生理用品配布会の記録' })).toHaveCount(0);
  await expectNoAxeViolations(sato, 'distribution list for a counselor');
});
