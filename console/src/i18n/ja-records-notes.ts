import type { RecordsKeyProblem } from '../services/records-notes.js';

/**
 * The console's words for case-log notes sealed to the records key (issue 16): the optional note
 * field in the case-log form and the supervisors' reader. Spread into `ja` (ja.ts).
 */
export const jaRecordsNotes = {
  sealedNote: {
    label: 'メモ（暗号化して保存）',
    optional: '書かなくてもかまいません',
    hint: 'このメモは、このパソコンの中で暗号化してから送ります。読めるのは「記録の鍵」を持つ記録担当のスーパーバイザーだけです。サーバーやほかの相談員には読めません。お名前・電話番号・住所など、ご本人がわかることは書かないでください。',
    keys: 'メモ欄ではEnterで改行、Ctrl+Enterで記録します。',
    hasNote: 'この記録にはメモが付いています（この画面では読めません）。ここに書くと前のメモと置き換わります。空のままなら前のメモが残ります。',
    count: (n: number, max: number) => `${n} / ${max}文字`,
    failed: 'メモを暗号化できませんでした。もう一度お試しください（記録はまだ保存していません）。',
  },
  recordsNotes: {
    heading: '記録メモを読む',
    intro: '電話などの記録に付いたメモを、記録の鍵で開いて読みます。鍵とメモは、このパソコンのメモリーの中だけに置きます。ほかの画面に移る・画面がロックされる・ログアウトすると、消えます。',
    keyFile: '記録の鍵ファイル',
    keyFileHint: 'ファイルはこのパソコンの中で開きます。サーバーには送りません。組織の鍵ファイルとは別のファイルです。',
    passphrase: '記録の鍵のパスフレーズ',
    needFile: '記録の鍵ファイルを選んでください。',
    needPassphrase: 'パスフレーズを入力してください。',
    year: '年度',
    submit: 'メモを開く',
    busy: '鍵ファイルを開いています…',
    forget: 'メモを閉じる',
    caption: (year: string, n: number) => `${year}の記録メモ（${n}件）`,
    none: (year: string) => `${year}のメモはありません。`,
    opened: (n: number) => `${n}件のメモを開きました。`,
    forgotten: 'メモを閉じました。鍵とメモはこの画面から消えました。',
    notOpened: 'このメモは開けませんでした。別の記録の鍵で書かれたものかもしれません。',
    loadFailed: 'メモを読み込めませんでした。接続を確かめて、もう一度お試しください。',
    problems: {
      READ_FAILED: '鍵ファイルを読み込めませんでした。ファイルを選び直してください。',
      KEY_FILE_MALFORMED: 'このファイルは記録の鍵ファイルではないようです。組織の鍵ファイルとは別のファイルを選んでください。',
      WEAK_KDF: 'この鍵ファイルの保護設定が弱すぎるため、使えません。',
      WRONG_PASSPHRASE: 'パスフレーズが正しくないか、鍵ファイルが書き換えられています。',
      KEY_FILE_MISMATCH: '鍵ファイルの中身が一致しません。ファイルが書き換えられているおそれがあります。',
      NOT_THIS_KEY: 'この鍵ファイルは、このコンソールに設定された記録の鍵ではありません。',
    } satisfies Record<RecordsKeyProblem, string>,
  },
} as const;
