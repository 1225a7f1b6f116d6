/**
 * Japanese UI text. Every string the widget shows lives in a catalogue like this one, so that
 * やさしい日本語 (`ja-x-easy`) and English can be added later as sibling files of the same shape.
 *
 * Tone: a kind counselor speaking plainly. Short sentences, no blame, no jargon, no urgency
 * that is not real. Nothing here should reveal to someone looking over her shoulder more than
 * the page already does.
 */
export const ja = {
  /** BCP 47 tag written into `lang` attributes inside the shadow root. */
  lang: 'ja',

  launcher: 'チャットで相談する',
  launcherBack: 'チャットに戻る',
  panelLabel: 'つながりチャット',
  /** Hides the panel; a consultation in progress goes on. */
  closePanel: '小さくする',

  introHeading: 'ここは、安心して話せる場所です',
  introLines: [
    'お名前や連絡先は、お聞きしません。匿名のまま、相談員とチャットでお話しできます。',
    'メッセージは暗号化され、あなたと相談員のほかには読めません。',
    '会話の内容は、この端末に保存しません。',
    'うまくまとまっていなくても大丈夫です。思いついたことから書いてください。',
  ],
  start: '相談をはじめる',
  notConfigured: 'このチャットはいま準備中のため、お使いいただけません。',

  connectingHeading: 'つないでいます',
  connectingBody: '少しだけお待ちください。',

  waitingHeading: '順番にご案内しています',
  /** `position` is her 1-based place in line. */
  queuePosition: (position: number): string => `いま ${position} 番目です。`,
  queueAhead: (ahead: number): string => `あなたの前に ${ahead} 人います。`,
  queueNext: 'もうすぐあなたの番です。',
  waitingBody: 'この画面を開いたまま、少しお待ちください。相談員がつながると、ここに表示されます。',

  connected: '相談員につながりました',
  chatHint: '話せるところからで大丈夫です。',
  logLabel: '会話',
  you: 'あなた',
  counselor: '相談員',
  pending: '送信中',
  failed: '送れませんでした',
  retry: 'もう一度送る',
  unreadable: '読めないメッセージがあります',

  messageLabel: 'メッセージ',
  send: '送信',
  sendHint: 'Ctrl + Enter でも送れます。',
  tooLong: (max: number, now: number): string => `${max} 文字までです（いま ${now} 文字）。`,

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
  unsafeBody:
    'あなたのメッセージは送られていません。時間をおいて、もう一度お試しください。',

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
