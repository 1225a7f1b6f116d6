/**
 * Japanese UI text (the default). Every string the widget shows lives in a catalogue like this
 * one; `ja-easy.ts` (やさしい日本語) and `en.ts` have the same shape (a unit test checks it).
 *
 * Tone: a kind counselor speaking plainly. Short sentences, no blame, no jargon, no urgency
 * that is not real. Nothing here should reveal to someone looking over her shoulder more than
 * the page already does.
 */
export const ja = {
  /** Catalogue id (the `lang` attribute value that selects it). */
  id: 'ja',
  /** BCP 47 tag written into `lang` attributes inside the shadow root. */
  lang: 'ja',

  launcher: 'チャットで相談する',
  launcherBack: 'チャットに戻る',
  panelLabel: 'つながりチャット',
  /** Hides the panel; a consultation in progress goes on. */
  closePanel: '小さくする',
  languageLabel: '言語',

  /** The quick exit button, always on screen while the chat is open. */
  exit: 'すぐに閉じる',
  exitHint: 'Shift キーを 3 回押しても閉じます',
  /** Status for screen readers while she presses Shift. */
  shiftCount: (n: number): string => `Shift キー ${n} 回目です。あと ${3 - n} 回で、このページを閉じます。`,
  shiftReset: '',

  safetyHeading: 'はじめに、安全のために',
  safetyExit: '見られそうになったら、「すぐに閉じる」ボタンか、Shift キーを 3 回押してください。すぐに別のページに切りかわり、会話は画面から消えます。',
  safetyHistory:
    'このページを開いたことは、ブラウザの履歴に残ります。履歴は自動では消えません。心配なときは、シークレットモード（プライベートブラウズ）で開くか、あとで履歴を消してください。',
  safetyEmergencyHeading: '危険がせまっているときは',
  emergency110: '110（警察）',
  emergency119: '119（救急・けがや急病）',
  emergency8008: '#8008（DV相談ナビ・近くの相談窓口）',

  introHeading: 'ここは、安心して話せる場所です',
  introLines: [
    'お名前や連絡先は、お聞きしません。匿名のまま、相談員とチャットでお話しできます。',
    'メッセージは暗号化され、あなたと相談員のほかには読めません。',
    'うまくまとまっていなくても大丈夫です。思いついたことから書いてください。',
  ],
  start: '相談をはじめる',
  resumeStart: '続きから相談する',
  notConfigured: 'このチャットはいま準備中のため、お使いいただけません。',

  intakeHeading: 'よければ、教えてください',
  intakeIntro: 'どれも答えなくて大丈夫です。答えた内容は暗号化して、相談員だけに届けます。',
  ageLabel: '年代',
  ageNoAnswer: '答えない',
  ageBands: {
    'under-20': '10代以下',
    '20s': '20代',
    '30s': '30代',
    '40s': '40代',
    '50s': '50代',
    '60s': '60代',
    '70-plus': '70代以上',
  },
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

  closedHeading: 'いまは受付時間外です',
  closedHours: 'チャットの受付は、月曜日から金曜日の 10:00〜20:00 です（祝日と年末年始はお休み）。',
  alternativesHeading: 'ほかの相談方法',
  altPhone: (phone: string): string => `電話：${phone}（平日 10:00〜20:00）`,
  altMail: (mail: string): string => `メール：${mail}（いつでも送れます。お返事は受付時間内にします）`,
  altCallNote: '電話をかけると、通話の履歴や請求書に番号が残ることがあります。',

  connectingHeading: 'つないでいます',
  connectingBody: '少しだけお待ちください。',

  waitingHeading: '順番にご案内しています',
  /** `position` is her 1-based place in line. */
  queuePosition: (position: number): string => `いま ${position} 番目です。`,
  queueAhead: (ahead: number): string => `あなたの前に ${ahead} 人います。`,
  queueNext: 'もうすぐあなたの番です。',
  estimate: (minutes: number): string => (minutes <= 1 ? '目安：まもなく' : `目安：およそ ${minutes} 分`),
  waitingBody: 'この画面を開いたまま、少しお待ちください。相談員がつながると、ここに表示されます。',
  waitingAlternatives: 'お待たせしてすみません。急ぎのときは、電話やメールでも相談できます。',

  connected: '相談員につながりました',
  chatHint: '話せるところからで大丈夫です。',
  logLabel: '会話',
  you: 'あなた',
  counselor: '相談員',
  pending: '送信中',
  failed: '送れませんでした',
  retry: 'もう一度送る',
  unreadable: '読めないメッセージがあります',
  transferred: '相談員が交代しました。続けてお話しください。',

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
  endedAbandoned: '接続が長く途切れたため、相談を終了しました。',
  close: '閉じる',

  unsafeHeading: '安全な接続を確認できませんでした',
  unsafeBody: 'あなたのメッセージは送られていません。時間をおいて、もう一度お試しください。',

  status: {
    idle: '',
    connecting: '接続しています…',
    connected: '',
    reconnecting: '接続が切れました。つなぎなおしています…',
    closed: '接続が切れています。',
  },

  /** Shown when a request fails; keyed by the server's error code (errors.ts) plus TIMEOUT. */
  errors: {
    OUTSIDE_HOURS: 'いまは受付時間の外です。受付時間内に、またお越しください。',
    RATE_LIMITED: 'いま混み合っています。少し時間をおいて、もう一度お試しください。',
    TIMEOUT: '通信がうまくいきませんでした。電波の良いところで、もう一度お試しください。',
    INVALID_STATE: 'この相談はもう続けられません。',
    UNKNOWN_CONSULTATION: 'この相談はもう続けられません。',
    generic: 'うまくいきませんでした。もう一度お試しください。',
  },
  tryAgain: 'もう一度ためす',
};

/** The shape every catalogue must have. */
export type Catalogue = typeof ja;
