import { chatItems, desktopPage, expect, expectNoAxeViolations, phonePage, sameTokyoDayFor, signIn, snap, startFromLanding, takeHer, test } from './fixtures.js';

/**
 * Outreach done, not just booked (issue 16): a counselor books an accompaniment from a chat, marks
 * it 済み in 予約 with how long it took and the kind of agency (keyboard), then logs a home visit
 * made without an appointment on the 電話などの記録 view; her list shows both, and the supervisor's
 * year report counts them. axe clean at desktop and 360 px. Its own server, so the counts start
 * from nothing.
 */

/** A Tokyo date and HH:MM of an instant. */
const tokyo = (ms: number) => {
  const iso = new Date(ms + 9 * 3_600_000).toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
};

test('a counselor marks an accompaniment done with its agency and logs a home visit; the report counts both', async ({ browser, ownServer: server }, info) => {
  // Room for the wait below (at most three minutes, once a day) on top of the test itself.
  test.setTimeout(330_000);
  // The visit is booked two minutes ahead (a booking must be ahead), and must fall on today in
  // Tokyo to be marked done today: in the last three minutes of a Tokyo day, wait for the next.
  await sameTokyoDayFor(180_000);
  const at = tokyo(Date.now() + 120_000);

  const client = await phonePage(browser);
  await startFromLanding(client, `${server.url}/c/outreach-e2e`);
  await expect(client.getByText(/番目です/)).toBeVisible();
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await takeHer(sato, client);
  await expect(chatItems(sato)).toHaveCount(1);

  // An accompaniment, today, two minutes from now.
  await sato.getByRole('button', { name: 'ほかの相談方法へつなぐ' }).click();
  const booking = sato.getByRole('form', { name: 'ほかの相談方法へつなぐ' });
  await booking.getByRole('radio', { name: '同行支援' }).check();
  await booking.getByLabel('日付（日本時間）').fill(at.day);
  await booking.getByLabel('時刻（日本時間）').fill(at.time);
  await booking.getByRole('button', { name: '予約する' }).click();
  await expect(booking.getByRole('status')).toContainText('予約しました。');

  // 予約: 済み asks how it went; the agency has no default, so Enter without it is refused.
  await sato.getByRole('button', { name: '予約', exact: true }).click();
  const view = sato.getByRole('region', { name: '予約', exact: true });
  const row = view.getByRole('table', { name: /予約の一覧/ }).getByRole('row').filter({ hasText: '同行支援' });
  await row.getByRole('button', { name: '済み', exact: true }).click();
  const done = view.getByRole('form', { name: /同行支援.*を「済み」にする/ });
  await expect(done.getByLabel('時間')).toBeFocused();
  await sato.keyboard.press('ArrowDown'); // 30〜60分 → 60分以上
  await sato.keyboard.press('Enter');
  await expect(done.getByRole('alert')).toHaveText('同行先を選んでください。');
  await expect(done.getByLabel('同行先')).toBeFocused();
  for (let i = 0; i < 5; i++) await sato.keyboard.press('ArrowDown'); // … 配偶者暴力相談支援センター
  await expect(done.getByLabel('同行先')).toHaveValue('dv-center');
  await expectNoAxeViolations(sato, 'visit done form');
  await snap(sato, info, 'console-visit-done-form');
  await sato.keyboard.press('Enter');
  await expect(done).toHaveCount(0);
  await expect(row.getByRole('cell').nth(3)).toHaveText('済み');
  await expect(row.getByRole('button', { name: '予約中に戻す' })).toBeFocused();

  // 電話などの記録: a home visit made without an appointment, today, by keyboard.
  await sato.getByRole('button', { name: '電話などの記録' }).click();
  const visitForm = sato.getByRole('form', { name: '家庭訪問・同行支援の記録（予約なし）' });
  await visitForm.getByLabel('種類').focus();
  await sato.keyboard.press('Enter');
  await expect(visitForm.getByRole('status')).toHaveText(/^記録しました：\d+月\d+日 家庭訪問$/);
  const visits = sato.getByRole('region', { name: '最近の訪問・同行（30日・自分の分）' });
  await expect(visits.getByRole('row')).toHaveCount(3);
  await expect(visits.getByRole('row').filter({ hasText: '同行支援' })).toContainText('60分以上・配偶者暴力相談支援センター');
  await expect(visits.getByRole('row').filter({ hasText: '同行支援' })).toContainText('予約から');
  await expect(visits.getByRole('row').filter({ hasText: '家庭訪問' })).toContainText('予約なし');
  await visits.getByRole('row').filter({ hasText: '家庭訪問' }).scrollIntoViewIfNeeded();
  await expectNoAxeViolations(sato, 'visits logged');
  await snap(sato, info, 'console-outreach-log');

  // The supervisor's year report: one home visit, one accompaniment (DV centre).
  const boss = await desktopPage(browser);
  await signIn(boss, 'supervisor', server);
  const section = boss.getByRole('table', { name: /家庭訪問・同行支援（実施した回数）/ });
  await expect(section.getByRole('row', { name: /^合計/ }).getByRole('cell')).toHaveText(['1', '1']);
  await expect(boss.getByRole('table', { name: '同行支援の同行先' }).getByRole('row', { name: /配偶者暴力相談支援センター/ }).getByRole('cell')).toHaveText('1');
  await section.scrollIntoViewIfNeeded();
  await expectNoAxeViolations(boss, 'year report with visits');
  await snap(boss, info, 'console-year-report-outreach');

  // Phone size: the appointment list and the visit log stay usable and axe clean.
  const phone = await phonePage(browser);
  await signIn(phone, 'sato', server);
  await phone.getByRole('button', { name: '電話などの記録' }).click();
  const phoneForm = phone.getByRole('form', { name: '家庭訪問・同行支援の記録（予約なし）' });
  await phoneForm.getByLabel('種類').selectOption('accompaniment');
  await phoneForm.getByRole('button', { name: '記録する' }).click();
  await expect(phoneForm.getByRole('alert')).toHaveText('同行先を選んでください。');
  await phoneForm.scrollIntoViewIfNeeded();
  await expectNoAxeViolations(phone, 'visit log at phone size');
  await snap(phone, info, 'console-outreach-log-360');
  await phone.getByRole('button', { name: '予約', exact: true }).click();
  await expectNoAxeViolations(phone, 'appointments at phone size');
  await snap(phone, info, 'console-appointments-360');
  // Set back by mistake and marked again: the form fits the phone too; やめる leaves it as it is.
  const phoneRow = phone.getByRole('table', { name: /予約の一覧/ }).getByRole('row').filter({ hasText: '同行支援' });
  await phoneRow.getByRole('button', { name: '予約中に戻す' }).click();
  await phoneRow.getByRole('button', { name: '済み', exact: true }).click();
  const phoneDone = phone.getByRole('form', { name: /同行支援.*を「済み」にする/ });
  await expect(phoneDone.getByLabel('同行先')).toHaveValue('');
  await expectNoAxeViolations(phone, 'visit done form at phone size');
  await snap(phone, info, 'console-visit-done-form-360');
  await phoneDone.getByRole('button', { name: 'やめる' }).click();
  await expect(phoneDone).toHaveCount(0);
  await expect(phoneRow.getByRole('cell').nth(3)).toHaveText('予約中');
});
