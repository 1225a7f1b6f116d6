import type { ContactKind, DurationBand, LoggedChannel } from '@tsunagari/shared';

/**
 * The console's words for the case log (電話・メールなどの記録): consultations that did not start
 * in the chat. Spread into `ja` (ja.ts), like `jaCasework`.
 */
export const jaCaseLog = {
  caseLog: {
    view: '電話などの記録',
    heading: '電話・メール・面接の記録',
    intro: 'チャット以外の相談を1件ずつ記録します。年度報告の件数になります。お名前・電話番号・住所・内容は書きません。',
    keys: 'Tabで次の項目へ、矢印キーで選び、Enterで記録します。主訴は番号（01〜14）を打つと選べます。',
    date: '日付',
    channel: '相談方法',
    channels: { phone: '電話', mail: 'メール', interview: '面接', remote: 'リモート' } satisfies Record<LoggedChannel, string>,
    topic: (n: number) => (n === 1 ? '主訴' : `主訴（${n}つめ・あれば）`),
    topicNone: 'なし',
    topicOption: (n: number, topic: string) => `${String(n).padStart(2, '0')} ${topic}`,
    outcome: '結果',
    ageBand: '年代',
    duration: '時間',
    durations: { 'under-15': '15分未満', '15-30': '15〜30分', '30-60': '30〜60分', '60-plus': '60分以上' } satisfies Record<DurationBand, string>,
    contact: '初回・継続',
    contacts: { first: '初回', continuation: '継続' } satisfies Record<ContactKind, string>,
    submit: '記録する',
    correct: '直して保存',
    cancelEdit: '直すのをやめる',
    editing: (what: string) => `${what} の記録を直しています。`,
    busy: '保存しています…',
    topicRepeated: '同じ主訴が2回選ばれています。',
    saved: (what: string) => `記録しました：${what}`,
    corrected: (what: string) => `直しました：${what}`,
    withdrawn: (what: string) => `取り下げました：${what}`,
    summary: (date: string, channel: string) => `${date} ${channel}`,
    dayLabel: (ymd: string) => `${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`,
    listHeading: '最近の記録（30日・自分の分）',
    listEmpty: 'まだ記録はありません。',
    colDate: '日付',
    colChannel: '方法',
    colTopics: '主訴',
    colOutcome: '結果',
    colActions: '操作',
    edit: '直す',
    withdraw: '取り下げる',
    withdrawConfirm: '本当に取り下げる',
    withdrawCancel: 'やめる',
    rowLabel: (what: string) => `（${what}）`,
  },
} as const;
