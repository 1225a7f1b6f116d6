import fs from 'node:fs';
import { type Page } from '@playwright/test';
import { expect, expectNoAxeViolations, listCampaigns, snap, test } from './fixtures.js';
import { pdfPageSizes, readQrCodes } from '../qr-pdf.js';

// The program's own hours (Mon–Fri 10:00–20:00), not the demo's "always open", so the flyer prints them.
test.use({ serverEnv: { TSUNAGARI_HOURS: 'program' } });

const PAPER = { A6: { widthMm: 105, heightMm: 148 }, A4: { widthMm: 210, heightMm: 297 } } as const;

/** The flyer's page as it prints (print media): its QR code read back, and whether all it says fits on it. */
async function printedPage(page: Page) {
  await page.emulateMedia({ media: 'print' });
  const sheet = page.locator('tsg-flyer-sheet article.page');
  const png = await sheet.screenshot();
  const overflow = await sheet.evaluate((el) => {
    const bottom = el.getBoundingClientRect().bottom - parseFloat(getComputedStyle(el).paddingBottom);
    return Math.max(0, ...[...el.children].map((c) => c.getBoundingClientRect().bottom - bottom));
  });
  await page.emulateMedia({ media: null });
  return { png, overflow };
}

test('an admin makes a campaign’s flyer: A6 and A4, one page each, the QR code opens that campaign’s landing page', async ({ browser, ownServer: server }, info) => {
  const admin = await listCampaigns(browser, server, ['flyer-e2e']);
  const landing = `${server.url}/c/flyer-e2e`;
  const opener = admin.getByRole('button', { name: '「flyer-e2e のチラシ」のチラシを作る' });
  await opener.click();
  const dialog = admin.getByRole('dialog', { name: 'チラシ「flyer-e2e のチラシ」' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'チラシ「flyer-e2e のチラシ」' })).toBeFocused();
  // The program's hours and channels, and the safety wording in the three languages.
  for (const text of ['月〜金曜日 10:00〜20:00', '0836-37-5611', 'ysnw2021@outlook.jp', '電話で相談すると、スマートフォンの通話履歴に残ります。', 'The “Exit now” button takes you to another page at once.', 'あなたと そうだんいん だけの チャットです。なまえは いわなくて だいじょうぶです。']) {
    await expect(dialog.getByText(text, { exact: true })).toBeVisible();
  }
  await expect(dialog.getByRole('img', { name: `QR コード（${landing}）` })).toBeVisible();
  await expectNoAxeViolations(admin, 'the flyer dialog');

  for (const size of ['A6', 'A4'] as const) {
    await dialog.getByRole('radio', { name: size }).check();
    await snap(admin, info, `flyer-${size.toLowerCase()}-screen`);
    const { png, overflow } = await printedPage(admin);
    fs.writeFileSync(info.outputPath(`flyer-${size.toLowerCase()}-printed.png`), png);
    expect(overflow, `everything on the ${size} flyer fits inside its margins`).toBe(0);
    const codes = await readQrCodes(png);
    expect(codes.map((c) => c.text)).toEqual([landing]);
    expect(['M', 'Q', 'H']).toContain(codes[0]?.ecLevel);

    const pdf = await admin.pdf({ preferCSSPageSize: true, printBackground: true });
    const file = info.outputPath(`flyer-${size.toLowerCase()}.pdf`);
    fs.writeFileSync(file, pdf);
    await info.attach(`flyer-${size}.pdf`, { path: file, contentType: 'application/pdf' });
    const pages = pdfPageSizes(pdf);
    expect(pages, `${size}: one page`).toHaveLength(1);
    expect(pages[0]!.widthMm).toBeCloseTo(PAPER[size].widthMm, 0);
    expect(pages[0]!.heightMm).toBeCloseTo(PAPER[size].heightMm, 0);
  }

  // Escape closes it and gives focus back to the button that opened it.
  await admin.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('an admin changes the program’s hours, the long-wait alert, phone and mail in 設定; the flyer prints them and her widget shows them at once', async ({ browser, ownServer: server }, info) => {
  const admin = await listCampaigns(browser, server, ['hours-e2e']);
  const form = admin.getByRole('region', { name: '相談窓口の設定' });
  await form.getByRole('radio', { name: '曜日と時間を決める' }).check();
  await form.getByRole('checkbox', { name: '土' }).check();
  await form.getByLabel('開始').fill('09:30');
  await form.getByLabel('終了').fill('17:00');
  await form.getByLabel('待ち時間の知らせ（分）').fill('25');
  // A phone number that is not one is caught before it is sent.
  await form.getByLabel('電話番号').fill('0836-37-561');
  await form.getByRole('button', { name: '保存する' }).click();
  await expect(form.getByRole('alert')).toHaveText(/電話番号が読めません/);
  await form.getByLabel('電話番号').fill('083-922-0000');
  await form.getByLabel('メールアドレス').fill('soudan@example.org');
  await form.getByRole('button', { name: '保存する' }).click();
  await expect(form.getByRole('status')).toHaveText('設定を保存しました。すぐに使われます。');
  // Her widget's status answers the new phone and mail at once.
  const status = (await (await fetch(`${server.url}/api/widget/status`)).json()) as { data: { alternatives: unknown } };
  expect(status.data.alternatives).toEqual({ phone: '083-922-0000', mail: 'soudan@example.org' });
  await expectNoAxeViolations(admin, 'the settings form');
  await snap(admin, info, 'settings-form');

  // A value out of bounds is refused by the relay and nothing changes.
  await form.getByLabel('待ち時間の知らせ（分）').fill('0');
  await form.getByRole('button', { name: '保存する' }).click();
  await expect(form.getByRole('alert')).not.toBeEmpty();

  await admin.getByRole('button', { name: '「hours-e2e のチラシ」のチラシを作る' }).click();
  const dialog = admin.getByRole('dialog', { name: 'チラシ「hours-e2e のチラシ」' });
  await expect(dialog.getByText('月〜土曜日 9:30〜17:00', { exact: true })).toBeVisible();
  await expect(dialog.getByText('083-922-0000', { exact: true })).toBeVisible();
  await expect(dialog.getByText('soudan@example.org', { exact: true })).toBeVisible();
});
