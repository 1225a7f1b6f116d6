import { AGE_BAND_LABELS_JA } from '@tsunagari/shared';

/** The figures the privacy page states: from the relay's status (null when it could not be asked) and the page's reload window. */
export interface PrivacyFigures {
  retentionDays: number | null;
  resumeCodeDays: number | null;
  reloadMinutes: number;
}

/** One part of the privacy page: a heading and its paragraphs. */
export interface PrivacySection {
  heading: string;
  lines: string[];
}

/** Japanese for everything after the first screen (loaded with the chat, not in the entry script). */
export const jaLater = {
  /**
   * What went wrong with a start or a request (refused starts, timeouts, a widget set up wrongly).
   * Here, not in the entry: an error can only come after she has gone past the first screen,
   * which waits for this chunk (the shell shows none before it, `tsunagari-chat.component.ts`).
   */
  notConfigured: 'このチャットはいま準備中のため、お使いいただけません。',
  /** Shown when a request fails; keyed by the server's error code (errors.ts) plus TIMEOUT. */
  errors: {
    OUTSIDE_HOURS: 'いまは受付時間の外です。受付時間内に、またお越しください。',
    RATE_LIMITED: 'いま混み合っています。少し時間をおいて、もう一度お試しください。',
    TOO_MANY_OPEN: 'この回線からは、いま同時にはじめられる相談の数がいっぱいです。すでにはじめた相談があれば、そちらで続けてください。お急ぎのときは、お電話でもご相談いただけます。',
    PROOF_REFUSED: '相談をはじめる準備が、うまくいきませんでした。少し待ってから、もう一度お試しください。',
    TIMEOUT: '通信がうまくいきませんでした。電波の良いところで、もう一度お試しください。',
    INVALID_STATE: 'この相談はもう続けられません。',
    UNKNOWN_CONSULTATION: 'この相談はもう続けられません。',
    STORAGE_FULL: 'ごめんなさい。いま、このチャットは新しい相談やメッセージをお受けできません。少し時間をおいてもう一度お試しいただくか、電話かメールでご相談ください。',
    generic: 'うまくいきませんでした。もう一度お試しください。',
  },
  tryAgain: 'もう一度ためす',

  intakeHeading: 'よければ、教えてください',
  intakeIntro: 'どれも答えなくて大丈夫です。答えた内容は暗号化して、相談員だけに届けます。',
  ageLabel: '年代',
  ageNoAnswer: '答えない',
  ageBands: AGE_BAND_LABELS_JA,
  topicsLabel: '相談したいこと（いくつでも）',
  topics: {
    生活困窮: '生活が苦しい',
    経済的困難: 'お金のこと',
    生活不安: '暮らしの不安',
    子育て: '子育て',
    介護: '介護',
    夫婦関係: '夫やパートナーとのこと',
    親子関係: '親や子どもとのこと',
    職場の人間関係: '職場の人間関係',
    近隣の人間関係: 'ご近所との関係',
    喪失: '大切な人やものを失った',
    '虐待・DV': '暴力・虐待・DV',
    医療費: '医療費',
    孤独: 'ひとりでつらい',
    その他: 'そのほか',
  },
  dangerLabel: '今、危険な状態ですか？',
  danger: { yes: 'はい', no: 'いいえ', unsure: 'わからない' },
  dangerHeading: 'あなたの安全がいちばん大切です',
  dangerBody:
    '命の危険を感じたら、ためらわず 110 番に電話してください。けがをしているときは 119 番へ。このチャットでも、急いで相談員におつなぎします。',
  intakeContinue: '答えて進む',
  intakeSkip: '答えずに進む',

  waitingHeading: '順番にご案内しています',
  /** `position` is her 1-based place in line. */
  queuePosition: (position: number): string => `いま ${position} 番目です。`,
  queueAhead: (ahead: number): string => `あなたの前に ${ahead} 人います。`,
  queueNext: 'もうすぐあなたの番です。',
  estimate: (minutes: number): string => (minutes <= 1 ? '目安：まもなく' : `目安：およそ ${minutes} 分`),
  waitingBody: 'この画面を開いたまま、少しお待ちください。相談員がつながると、ここに表示されます。',
  requeued: '担当の相談員が交代します。このまま少しお待ちください。これまでの会話は、次の相談員に引き継がれます。',
  waitingAlternatives: 'お待たせしてすみません。急ぎのときは、電話やメールでも相談できます。',
  /** After a long quiet wait: is she still there? `time` is when she must answer by (her place is kept till then). */
  stillWaitingAsk: (time: string): string => `まだお待ちですか？ 順番はそのままです。お待ちのときは、${time} までに下のボタンを押してください。`,
  stillWaitingYes: 'まだ待っています',

  connected: '相談員につながりました',
  chatHint: '話せるところからで大丈夫です。',
  logLabel: '会話',
  you: 'あなた',
  counselor: '相談員',
  pending: '送信中',
  failed: '送れませんでした',
  failedBusy: '送れませんでした。少し待ってから送ってください',
  failedWaiting: '相談員がお返事するまでに送れるのは、ここまでです。お返事があったら、続きを送ってください',
  failedFull: 'このチャットで送れる量の上限になりました。続きは電話かメールでお話しできます',
  failedStorage: 'ごめんなさい。いまはメッセージをお受けできません。少し待ってもう一度送るか、電話かメールでご相談ください',
  retry: 'もう一度送る',
  unreadable: '読めないメッセージがあります',
  transferred: '相談員が交代しました。続けてお話しください。',
  counselorTyping: '相談員が入力しています…',
  /** A gap in the counselor's messages (the relay may have dropped one): calm, and what she can do. */
  orderMissing: '相談員からのメッセージが、ひとつ届いていないかもしれません。気になるときは「もう一度送ってください」と書いてください。',
  /** A message came a second time (a replay): shown once. */
  orderRepeated: '同じメッセージが 2 回届いたので、1 回だけ表示しています。',

  messageLabel: 'メッセージ',
  send: '送信',
  sendHint: 'Ctrl + Enter でも送れます。',
  tooLong: (max: number, now: number): string => `${max} 文字までです（いま ${now} 文字）。`,

  codeRequest: '続きのためのコードを受け取る',
  codeHeading: '再開コード',
  codeBody:
    'このコードがあれば、別の日や別の端末からでも、この相談の続きができます。この端末には保存しません。人に見られないところに書き写すか、コピーしてください。',
  codeExpires: (date: string): string => `${date} まで使えます。`,
  codeCopy: 'コピーする',
  codeCopied: 'コピーしました。',
  codeCopyFailed: 'コピーできませんでした。書き写してください。',
  codeClose: 'コードを閉じる',
  codeMaking: 'コードを作っています…',

  resumeHeading: '続きから相談する',
  resumeLabel: '再開コード',
  resumeHint: '例：7K3M-Q9PX-…（ハイフンや空白は、なくても大丈夫です）',
  resumeSubmit: '続ける',
  resumeBack: '戻る',
  resumeInvalid: 'コードの形が合わないようです。もう一度確かめてください。',
  resumeNotFound: 'このコードの相談は見つかりませんでした。期限が切れたか、相談が終わっているかもしれません。',

  end: '相談を終了する',
  endConfirm: '相談を終了しますか？ 終了すると、この会話は画面から消えます。',
  endYes: '終了する',
  endNo: '続ける',

  endedHeading: '相談を終了しました',
  endedBody: 'お話ししてくださって、ありがとうございました。また話したくなったら、ここから声をかけてください。',
  endedByCounselor: '相談員が、この相談を終えました。',
  endedAbandoned: '長いあいだ、やりとりがなかったため、相談を終了しました。いつでも、また始めから相談できます。',
  close: '閉じる',

  /** After a reload of the page, before anything of the chat shows (the quick exit is beside it). */
  continueHeading: '続けますか？',
  continueBody: 'ページが読みこみ直されました。さきほどの相談を続けるときは「続ける」を押してください。',
  continueYes: '続ける',
  continueNo: '終わりにする',



  /** 「このチャットについて（個人情報の取扱い）」: what the relay and her phone keep, in her words. The figures come from the relay's configuration and the page's reload window. */
  privacyHeading: 'このチャットについて（個人情報の取扱い）',
  privacy: (f: PrivacyFigures): PrivacySection[] => [
    {
      heading: 'だれが読めるか',
      lines: [
        'メッセージは、あなたの端末で暗号化してから送ります。読めるのは、あなたと、この相談を担当する相談員だけです。相談員が交代したときは、引きついだ相談員も、それまでの会話を読めます。',
        'チャットを中継するサーバーには、中身は読めません。',
      ],
    },
    {
      heading: 'サーバーに残るもの',
      lines: [
        'お名前、連絡先、IP アドレス、お使いの端末の種類は、記録しません。',
        `暗号化されたままのメッセージと、この相談についての記録は、相談が終わってから${f.retentionDays === null ? '決められた期間' : ` ${f.retentionDays} 日`}たつと消去し、元に戻せないようにします。`,
        '統計のために、相談の月・内容の種類・年代などを、だれの相談か分からない形で残します。',
      ],
    },
    {
      heading: 'この端末に残るもの',
      lines: [
        '会話は、この端末に保存しません。',
        `ページを読みこみ直したときに続けられるよう、このタブの中にだけ、続きに必要な暗号の鍵などを ${f.reloadMinutes} 分のあいだ残します（会話の文字は入りません）。相談を終えたときと「すぐに閉じる」を押したときは、すぐに消します。`,
        'このページを開いたことは、ブラウザの履歴に残ります。',
      ],
    },
    {
      heading: 'すぐに閉じる',
      lines: ['「すぐに閉じる」ボタンか、Shift キーを 3 回押すと、すぐに別のページに切りかわり、会話は画面から消えます。相談員には、あなたが退出したことだけが伝わります。この相談は、そのあと続けられません。'],
    },
    {
      heading: '続きのコード',
      lines: [
        `「続きのコード」を作ると、${f.resumeCodeDays === null ? '決められた期間' : `${f.resumeCodeDays} 日`}のあいだ、別の端末からでもこの相談の続きを話せます。コードを知っている人はだれでも会話を読めるので、人の目にふれない所に控えてください。`,
        '相談を終えたときと「すぐに閉じる」を押したときは、コードは使えなくなります。',
      ],
    },
    {
      heading: 'ほかの支援につなぐとき',
      lines: [
        'ほかの窓口や支援におつなぎするとき、あなたが伝えた連絡先（電話番号など）をお預かりすることがあります。暗号化して、この団体の記録用の鍵でしか開けられないように保管し、ほかの記録と同じ期間のあと消去します。',
      ],
    },
  ],
  privacyBack: '戻る',
};
