import type { AgeBand } from './intake.js';

/**
 * The age bands in Japanese, as both sides show them: the widget's intake (ja) and the
 * console's case record, year report and CSV. One list, so that what she picks and what the
 * counselor records and reports read the same; each app adds only its own extra choice
 * (the console's 「わからない」, the widget's 「答えない」).
 */
export const AGE_BAND_LABELS_JA: Readonly<Record<AgeBand, string>> = {
  'under-20': '10代以下',
  '20s': '20代',
  '30s': '30代',
  '40s': '40代',
  '50s': '50代',
  '60s': '60代',
  '70-plus': '70代以上',
};
