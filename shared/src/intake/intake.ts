/**
 * The optional intake she may answer before joining the queue. Only `urgent` is told to the
 * server (routing needs it); the rest travels encrypted to the counselor as an `intake` message.
 */
export const AGE_BANDS = ['under-20', '20s', '30s', '40s', '50s', '60s', '70-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Topics, as the program lists them (seed: つながりサポート事業). */
export const TOPICS = [
  '生活困窮',
  '経済的困難',
  '生活不安',
  '子育て',
  '介護',
  '夫婦関係',
  '親子関係',
  '職場の人間関係',
  '近隣の人間関係',
  '喪失',
  '虐待・DV',
  '医療費',
  '孤独',
  'その他',
] as const;
export type Topic = (typeof TOPICS)[number];

/** Her answer to 「今、危険な状態ですか？」. */
export const DANGER_ANSWERS = ['yes', 'no', 'unsure'] as const;
export type DangerAnswer = (typeof DANGER_ANSWERS)[number];
