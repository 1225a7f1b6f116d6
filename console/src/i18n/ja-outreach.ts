import type { AgencyKind, VisitKind } from '@tsunagari/shared';

/**
 * The console's words for visits done (家庭訪問・同行支援の実施): marking a visit appointment 済み,
 * logging a visit without one, and the report's outreach section and CSV blocks. Spread into `ja`
 * (ja.ts), like `jaCaseLog`.
 */
export const jaOutreach = {
  outreach: {
    kinds: { outreach: '家庭訪問', accompaniment: '同行支援' } satisfies Record<VisitKind, string>,
    agency: '同行先',
    agencies: {
      'city-office': '役所',
      police: '警察',
      hospital: '病院',
      'legal-aid': '法テラス',
      'dv-center': '配偶者暴力相談支援センター',
      other: '他',
      unknown: '記録なし',
    } satisfies Record<AgencyKind | 'unknown', string>,
    durationUnknown: '記録なし',
    // The appointment list: 済み on a visit asks how it went.
    doneHeading: (kind: string, when: string) => `${kind}（${when}）を「済み」にする`,
    doneIntro: 'かかった時間を選んでください。同行支援では同行先も選びます。場所や名前は書きません。',
    doneSave: '済みにする',
    doneCancel: 'やめる',
    agencyPick: '選んでください',
    needAgency: '同行先を選んでください。',
    // The log form, on the 電話などの記録 view.
    heading: '家庭訪問・同行支援の記録（予約なし）',
    intro: '予約から行かなかった訪問や同行も、1回ずつ記録します。予約した分は、予約一覧で「済み」にすると数えられます。お名前・住所・内容は書きません。',
    kind: '種類',
    date: '日付',
    duration: '時間',
    submit: '記録する',
    busy: '保存しています…',
    saved: (what: string) => `記録しました：${what}`,
    withdrawn: (what: string) => `取り下げました：${what}`,
    summary: (date: string, kind: string) => `${date} ${kind}`,
    listHeading: '最近の訪問・同行（30日・自分の分）',
    listEmpty: 'まだ記録はありません。',
    colDate: '日付',
    colKind: '種類',
    colDetail: '時間・同行先',
    colActions: '操作',
    fromAppointment: '予約から',
    logged: '予約なし',
    withdraw: '取り下げる',
    // The report.
    sectionCaption: (year: string) => `${year} 家庭訪問・同行支援（実施した回数）`,
    month: '月',
    count: '回数',
    agencyCaption: '同行支援の同行先',
    durationCaption: '訪問・同行の時間',
    sectionNote: '実施した回数です（「済み」にした予約と、予約なしで記録した訪問・同行。どちらも1回は1回）。来なかった・取り消した予約は数えません。',
    // The CSV's blocks (their column names do not change between years).
    csvSection: '【家庭訪問・同行支援（実施）】',
    csvAgency: '【同行支援の同行先】',
    csvDuration: '【訪問・同行の時間】',
  },
} as const;
