import type { Browser, Page } from '@playwright/test';

/** The widget's three languages, as the parameterised browser tests run them. */
export const LANGS = ['ja', 'ja-easy', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The widget's own words the tests find its controls by, in each language. */
export const WIDGET_TEXT = {
  start: { ja: '相談をはじめる', 'ja-easy': 'そうだんを はじめる', en: 'Start a chat' },
  skip: { ja: '答えずに進む', 'ja-easy': 'こたえないで すすむ', en: 'Continue without answering' },
  first: { ja: 'はじめに、安全のために', 'ja-easy': 'はじめに あんぜんの ために', en: 'First, for your safety' },
  exit: { ja: 'すぐに閉じる', 'ja-easy': 'すぐに とじる', en: 'Exit now' },
  message: { ja: 'メッセージ', 'ja-easy': 'メッセージ', en: 'Message' },
} as const;

/** A phone-like page (touch, her locale) at `size`. */
export async function pageIn(browser: Browser, lang: Lang, size: { width: number; height: number }, scale = 1): Promise<Page> {
  const ctx = await browser.newContext({ viewport: size, deviceScaleFactor: scale, isMobile: true, hasTouch: true, locale: lang === 'en' ? 'en-GB' : 'ja-JP' });
  return ctx.newPage();
}
