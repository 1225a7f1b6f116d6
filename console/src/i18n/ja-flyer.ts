import type { FlyerLines } from '../state/flyer.js';

/**
 * A flyer's words. The console speaks Japanese to staff (`controls`); the flyer itself speaks to
 * women, so each line is in Japanese, やさしい日本語 and English side by side, in the widget's
 * tone: kind, plain, no promises the program cannot keep. Loaded with the flyer only.
 */
export const jaFlyer = {
  controls: {
    dialog: (label: string) => `チラシ「${label}」`,
    size: '大きさ',
    print: '印刷する',
    close: '閉じる',
    hint: '印刷の画面で「用紙サイズ」をこの大きさに、倍率を 100% にしてください。QR コードは、印刷したものをスマートフォンで読みとって確かめてから配ってください。',
    qrAlt: (url: string) => `QR コード（${url}）`,
  },
  title: 'つながりサポート山口',
  lead: {
    ja: 'ひとりで抱えこまずに、話してみませんか。女性のための相談です。年齢は問いません。相談は無料です。',
    easy: 'ひとりで なやまないで。じょせいの ための そうだんです。おかねは かかりません。',
    en: 'For women, of any age. You do not have to carry it alone. Free of charge.',
  } satisfies FlyerLines,
  scan: {
    ja: 'QR コードを読みとると、チャットで相談できます。',
    easy: 'QRコードを よみとると、チャットで そうだん できます。',
    en: 'Scan the code to chat with a counselor.',
  } satisfies FlyerLines,
  hoursHeading: { ja: '相談できる日時', easy: 'そうだん できる ひ', en: 'Opening hours' } satisfies FlyerLines,
  otherWays: { ja: 'ほかの相談方法', easy: 'ほかの そうだんの しかた', en: 'Other ways to talk to us' } satisfies FlyerLines,
  phone: { ja: '電話', easy: 'でんわ', en: 'Phone' } satisfies FlyerLines,
  mail: { ja: 'メール', easy: 'メール', en: 'Email' } satisfies FlyerLines,
  booked: {
    ja: 'リモートカウンセリング・面接（予約制。面接は金曜日）',
    easy: 'オンラインや あって はなす そうだんも できます（よやく します）',
    en: 'Online counselling and meetings in person, by appointment',
  } satisfies FlyerLines,
  safetyHeading: { ja: '安心して使うために', easy: 'あんしんして つかう ために', en: 'Staying safe' } satisfies FlyerLines,
  safety: [
    {
      ja: 'このコードは、あなたと相談員だけの非公開のチャットを開きます。名前は言わなくて大丈夫です。',
      easy: 'あなたと そうだんいん だけの チャットです。なまえは いわなくて だいじょうぶです。',
      en: 'This code opens a private chat between you and a counselor. You do not have to give your name.',
    },
    {
      ja: '「すぐに閉じる」ボタンを押すと、すぐに別のページに切りかわります。',
      easy: '「すぐに とじる」ボタンを おすと、すぐに べつの ページに かわります。',
      en: 'The “Exit now” button takes you to another page at once.',
    },
    {
      ja: '電話で相談すると、スマートフォンの通話履歴に残ります。',
      easy: 'でんわを かけると、スマホの りれきに のこります。',
      en: 'Phone calls show in your call history.',
    },
  ] satisfies FlyerLines[],
} as const;
