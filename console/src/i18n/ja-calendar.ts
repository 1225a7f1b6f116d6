import type { ClosedDayReason } from '@tsunagari/shared';

/** The calendar's words (issue 16): the week view by counselor, and the interview-day warning of a hand-off. */
export const jaCalendar = {
  calendar: {
    view: 'カレンダー',
    heading: '週の予定',
    intro: '相談員ごとの1週間（月曜〜日曜、日本時間）の予約です。受付時間は平日の相談時間、面接相談は金曜日が基本です。',
    keys: '「前の週」「次の週」のボタンのほか、この画面の中で PageUp / PageDown キーでも週を移れます。',
    navLabel: '表示する週',
    previous: '前の週',
    thisWeek: '今週',
    next: '次の週',
    caption: (week: string) => `${week}の予約（相談員ごと）`,
    counselor: '相談員',
    closed: { weekday: '受付なし', holiday: '祝日', closure: '休業日' } satisfies Record<ClosedDayReason, string>,
    interviewDay: '面接日',
    overridden: '時間外（管理者の判断）',
    code: (code: string) => `予約番号 ${code}`,
    empty: 'この週の予約はありません。',
    none: '予定なし',
    loading: '予定を読み込んでいます…',
    shown: (week: string) => `${week}の週を表示しています。`,
    scrollLabel: '週の予定の表（横にスクロールできます）',
  },
  interviewDay: {
    warning: '面接相談は金曜日が基本です。この日で予約するときは、下の確認にチェックを入れて、もう一度「予約する」を押してください。',
    confirm: '金曜日以外の日で面接相談を予約します',
  },
} as const;
