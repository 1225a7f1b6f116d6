import { en } from './en.js';
import { type Catalogue, ja } from './ja.js';
import { jaEasy } from './ja-easy.js';

export type { Catalogue } from './ja.js';

/** The languages she can switch between, in the order the switcher shows them. */
export const LANGS = ['ja', 'ja-easy', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language's name in itself (the switcher shows these whatever the current language). */
export const LANG_NAMES: Record<Lang, { name: string; lang: string }> = {
  ja: { name: '日本語', lang: 'ja' },
  'ja-easy': { name: 'やさしい にほんご', lang: 'ja' },
  en: { name: 'English', lang: 'en' },
};

export const catalogues: Record<Lang, Catalogue> = { ja, 'ja-easy': jaEasy, en };

/** The language for a `lang` attribute value (`ja-x-easy` is accepted too), falling back to Japanese. */
export function langFor(value: string | null | undefined): Lang {
  const tag = (value ?? '').trim().toLowerCase();
  if (tag === 'ja-easy' || tag === 'ja-x-easy' || tag === 'easy') return 'ja-easy';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return 'ja';
}

/** The catalogue for a `lang` attribute value, falling back to Japanese. */
export function catalogueFor(lang: string | null | undefined): Catalogue {
  return catalogues[langFor(lang)];
}
