/**
 * Japanese for waiting and missed contacts (the report's section, the board's figures) and the
 * report's charts (issue 16). Spread into `ja` (ja.ts) like the other parts.
 */
export const jaFigures = {
  figures: {
    waitsHeading: '待ち時間と、受けられなかった相談',
    waitsIntro:
      'チャットの申し込みが、どれだけ相談員につながったかの数です。応答率は「対応」÷「対応＋待つ間に離れた」です。待ち時間は対応した相談の待ち時間で、中央値（半分の人がこれより短い）と90%値（9割の人がこれより短い）です。',
    monthsCaption: (year: string) => `${year} 月ごとの待ち時間と応答`,
    daysCaption: (year: string) => `${year} 日ごとの待ち時間と応答（数のある日だけ）`,
    daysOpen: '日ごとの数を見る',
    period: '期間',
    day: '日',
    dayLabel: (ymd: string) => `${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`,
    started: '申し込み',
    answered: '対応',
    leftWaiting: '待つ間に離れた',
    answerRate: '応答率',
    waitP50: '待ち時間（中央値）',
    waitP90: '待ち時間（90%値）',
    opened: 'チャットを開いた回数',
    closed: '受付時間外の申し込み',
    refused: '制限で受けられなかった申し込み',
    unserved: '受けられなかった申し込み',
    rate: (p: number | null) => (p === null ? '—' : `${p.toFixed(1)}%`),
    wait: (sec: number | null) => (sec === null ? '—' : sec < 60 ? `${sec}秒` : `${Math.floor(sec / 60)}分${String(sec % 60).padStart(2, '0')}秒`),
    demandNote:
      'チャットを開いた回数・受付時間外の申し込み・制限で受けられなかった申し込みは、日ごとの回数だけを記録しています（誰かを見分ける情報は残していません）。同じ通信元からの数は1日20回までしか数えません。待ち時間は秒まで、申し込みの時刻は10分単位で記録しています。',
    chartsHeading: 'グラフ',
    chartLoading: 'グラフを読み込んでいます…',
    chartFailed: 'グラフを表示できませんでした。下の表をご覧ください。',
    chartTableOf: (what: string) => `${what}（グラフの数値）`,
    channelsChart: '月ごと・チャネルごとの相談件数',
    channelsSummary: (year: string, total: string, top: string, topCount: string, peak: string, peakCount: string) =>
      `${year}の相談は合計${total}件で、いちばん多いチャネルは${top}（${topCount}件）、いちばん多い月は${peak}（${peakCount}件）です。`,
    channelsEmpty: (year: string) => `${year}の相談はまだありません。`,
    kpiChart: '目標の達成率と、この時点の目安',
    kpiSummary: (ahead: number, total: number) =>
      ahead === total ? `目標のある${total}項目すべてが、この時点の目安に届いています。` : `目標のある${total}項目のうち、この時点の目安に届いているのは${ahead}項目です。`,
    kpiPace: '目安（%）',
    kpiAchieved: '達成率（%）',
    waitsChart: '月ごとの待ち時間（分）',
    waitsSummary: (year: string, p50: string, p90: string, rate: string, left: string) =>
      `${year}の待ち時間は中央値${p50}、90%値${p90}で、応答率は${rate}、待つ間に離れた人は${left}人です。`,
    minutes: '分',
    waitsCsvMonths: '待ち時間と応答（月ごと）',
    waitsCsvDays: '待ち時間と応答（日ごと）',
    rateCsv: '応答率（%）',
    waitP50Csv: '待ち時間 中央値（秒）',
    waitP90Csv: '待ち時間 90%値（秒）',
    // The board (today).
    todayStarted: '申し込み',
    todayRate: '応答率',
    todayWait: '待ち時間（中央値／90%値）',
    todayOpened: 'チャットを開いた回数',
    todayUnserved: '時間外・制限で受けられなかった申し込み',
    times: (n: number) => `${n}回`,
  },
} as const;
