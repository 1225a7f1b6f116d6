import { type Catalogue, type FirstScreenText, jaFirst } from './ja.js';

export type { Catalogue, FirstScreenText } from './ja.js';

/** The languages she can switch between, in the order the switcher shows them. */
export const LANGS = ['ja', 'ja-easy', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language's name in itself (the switcher shows these whatever the current language). */
export const LANG_NAMES: Record<Lang, { name: string; lang: string }> = {
  ja: { name: '日本語', lang: 'ja' },
  'ja-easy': { name: 'やさしい にほんご', lang: 'ja' },
  en: { name: 'English', lang: 'en' },
};

/** The language for a `lang` attribute value (`ja-x-easy` is accepted too), falling back to Japanese. */
export function langFor(value: string | null | undefined): Lang {
  const tag = (value ?? '').trim().toLowerCase();
  if (tag === 'ja-easy' || tag === 'ja-x-easy' || tag === 'easy') return 'ja-easy';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return 'ja';
}

/**
 * The first screen's Japanese is in the entry script; the rest of Japanese and the other two
 * languages are small chunks loaded when she opens the chat or chooses a language.
 */
const loaded: Partial<Record<Lang, Catalogue>> = {};

/** Japanese first-screen text, always here. */
export const firstScreen: FirstScreenText = jaFirst;

/** The catalogue if it is already here (Japanese always is). */
export function catalogueIfLoaded(lang: Lang): Catalogue | undefined {
  return loaded[lang];
}

export async function loadCatalogue(lang: Lang): Promise<Catalogue> {
  const have = loaded[lang];
  if (have) return have;
  const c =
    lang === 'en'
      ? (await import('./en.js')).en
      : lang === 'ja-easy'
        ? (await import('./ja-easy.js')).jaEasy
        : (await import('./ja-full.js')).ja;
  loaded[lang] = c;
  return c;
}

/** The catalogue for a `lang` attribute value when already loaded, else Japanese first-screen text. */
export function catalogueFor(lang: string | null | undefined): FirstScreenText | Catalogue {
  return loaded[langFor(lang)] ?? jaFirst;
}
