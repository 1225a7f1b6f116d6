import { jaFirst, type Catalogue } from './ja.js';
import { jaLater } from './ja-later.js';

/** The whole Japanese catalogue. */
export const ja: Catalogue = { ...jaFirst, ...jaLater };
