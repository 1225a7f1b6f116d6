import type { Browser, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, snap, test } from './fixtures.js';
import { LANGS, type Lang, pageIn, WIDGET_TEXT } from './widget-langs.js';

/**
 * What she is told when her start is refused, in each of the widget's languages, at phone size:
 * her network already has its consultations open (TOO_MANY_OPEN), or the proof of work was
 * refused even after the widget's one quiet retry (PROOF_REFUSED). A server of its own that
 * allows one open consultation per network (every page here is 127.0.0.1).
 */
test.use({ serverEnv: { TSUNAGARI_OPEN_PER_CALLER: '1' } });

const TEXT = {
  ...WIDGET_TEXT,
  tooManyOpen: {
    ja: 'この回線からは、いま同時にはじめられる相談の数がいっぱいです。',
    'ja-easy': 'いま おなじ インターネットからは、これいじょう そうだんを はじめられません。',
    en: 'No more chats can be started from this network right now.',
  },
  proofRefused: {
    ja: '相談をはじめる準備が、うまくいきませんでした。',
    'ja-easy': 'そうだんを はじめる じゅんびが うまく いきませんでした。',
    en: 'We could not get the chat ready to start.',
  },
} as const;

const phone = (browser: Browser, lang: Lang): Promise<Page> => pageIn(browser, lang, { width: 360, height: 640 });

async function startIn(page: Page, url: string, lang: Lang): Promise<void> {
  await page.goto(`${url}?lang=${lang}`);
  await page.getByRole('button', { name: TEXT.start[lang] }).click();
  await page.getByRole('button', { name: TEXT.skip[lang] }).click();
}

for (const lang of LANGS) {
  test(`a refused start is explained kindly: limit reached, then proof of work refused (${lang})`, async ({ browser, ownServer: server }, info) => {
    // Her first consultation from this network waits in line.
    const first = await phone(browser, lang);
    await startIn(first, `${server.url}/c/limit-e2e`, lang);
    await expect(first.locator('tsunagari-chat').locator('tsunagari-waiting .queue')).toBeVisible();

    // A second one from the same network is refused, and she is told why and what she can do.
    const second = await phone(browser, lang);
    await startIn(second, `${server.url}/c/limit-e2e`, lang);
    const alert = second.getByRole('alert').filter({ hasText: TEXT.tooManyOpen[lang] });
    await expect(alert).toBeVisible();
    // She stays on her answers, with the phone and mail beside the message, and can try again.
    await expect(second.getByRole('link', { name: /0836-37-5611/ })).toBeVisible();
    await expect(second.getByRole('button', { name: TEXT.skip[lang] })).toBeVisible();
    await expectNoAxeViolations(second, `widget refused: too many open (${lang})`);
    await snap(second, info, `refused-too-many-open-360-${lang}`);

    // The first leaves; a proof the relay cannot verify is refused, retried once quietly, refused again.
    await first.getByRole('button', { name: TEXT.exit[lang] }).first().click();
    const third = await phone(browser, lang);
    let challenges = 0;
    await third.route('**/api/widget/start-challenge', async (route) => {
      challenges++;
      const response = await route.fetch();
      const body = (await response.json()) as { data: { signature: string } };
      body.data.signature = '0'.repeat(64);
      await route.fulfill({ response, json: body });
    });
    await startIn(third, `${server.url}/c/limit-e2e`, lang);
    await expect(third.getByRole('alert').filter({ hasText: TEXT.proofRefused[lang] })).toBeVisible();
    expect(challenges, 'one challenge when the notice showed, one for the quiet retry').toBe(2);
    await expectNoAxeViolations(third, `widget refused: proof of work (${lang})`);
    await snap(third, info, `refused-proof-360-${lang}`);

    // With the real challenge again, trying again starts her.
    await third.unroute('**/api/widget/start-challenge');
    await third.getByRole('button', { name: TEXT.skip[lang] }).click();
    await expect(third.locator('tsunagari-chat').locator('tsunagari-waiting .queue')).toBeVisible();
    await third.getByRole('button', { name: TEXT.exit[lang] }).first().click();
  });
}
