import { jaCaseLog } from './ja-case-log.js';

/** The buttons and notes the case log already words (直す, 取り下げる, …), said the same way here. */
const { correct, cancelEdit, busy, colActions, edit, withdraw, withdrawConfirm, withdrawCancel, rowLabel } = jaCaseLog.caseLog;

/**
 * The console's words for distribution events (生理用品配布会). Spread into `ja` (ja.ts), like
 * `jaCaseLog`.
 */
export const jaDistribution = {
  distribution: {
    heading: '生理用品配布会の記録',
    intro: '配布会ごとに、開催日・市町・連携団体・配ったセットとチラシの数を記録します。来た方のことは何も書きません。',
    readOnly: '配布会の記録と訂正は、スーパーバイザーが行います。',
    date: '開催日',
    municipality: '市町',
    municipalityNone: '選んでください',
    partner: '連携団体',
    partnerHint: '団体の名前だけを書きます（40字まで）。個人の名前は書きません。',
    sets: '配ったセット数',
    flyers: '配ったチラシの数',
    campaign: 'チラシのキャンペーン',
    campaignNone: 'なし',
    submit: '配布会を記録する',
    correct,
    cancelEdit,
    editing: (what: string) => `${what} の配布会を直しています。`,
    busy,
    needMunicipality: '市町を選んでください。',
    needPartner: '連携団体の名前を書いてください（40字まで）。',
    badCount: (what: string, max: number) => `${what}は0から${max.toLocaleString('ja-JP')}までの整数で書いてください。`,
    saved: (what: string) => `記録しました：${what}`,
    corrected: (what: string) => `直しました：${what}`,
    withdrawn: (what: string) => `取り下げました：${what}`,
    summary: (date: string, place: string) => `${date} ${place}`,
    listHeading: '今年度の配布会',
    listEmpty: 'まだ配布会の記録はありません。',
    colActions,
    edit,
    withdraw,
    withdrawConfirm,
    withdrawCancel,
    rowLabel,
    // The year report and its CSV.
    reportCaption: (year: string, n: number) => `${year} 生理用品配布会（${n}回）`,
    chatsAfter: 'その後30日のチャット',
    none: '—',
    total: '合計',
    totalEvents: (n: number) => `合計（${n}回）`,
    reportNote:
      'チャットの数は、チラシのキャンペーンから始まった相談を、開催日から30日後までの分だけ数えています（いたずら・迷惑は除く）。同じキャンペーンの配布会が近いと、1件のチャットが両方に数えられます。合計では1件です。',
    reportEmpty: 'この年度の配布会の記録はありません。',
    csvTitle: '生理用品配布会',
    csvTarget: 'セット数の目標',
    csvAchievement: '達成率',
  },
} as const;
