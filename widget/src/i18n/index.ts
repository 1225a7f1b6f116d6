import { type Catalogue, ja } from './ja.js';

export type { Catalogue } from './ja.js';

/**
 * Catalogues by language tag. Only Japanese exists today; `ja-x-easy` (やさしい日本語) and `en`
 * are meant to be added here as siblings of `ja.ts`.
 */
const catalogues: Record<string, Catalogue> = { ja };

/** The catalogue for a `lang` attribute value, falling back to Japanese. */
export function catalogueFor(lang: string | null | undefined): Catalogue {
  const tag = (lang ?? '').trim().toLowerCase();
  return catalogues[tag] ?? catalogues[tag.split('-')[0] ?? ''] ?? ja;
}
