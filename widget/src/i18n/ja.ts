/**
 * Japanese UI text (the default). Every string the widget shows lives in a catalogue like this
 * one; `ja-easy.ts` (やさしい日本語) and `en.ts` have the same shape (a unit test checks it).
 *
 * Tone: a kind counselor speaking plainly. Short sentences, no blame, no jargon, no urgency
 * that is not real. Nothing here should reveal to someone looking over her shoulder more than
 * the page already does.
 */
export const jaFirst = {
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
  /** The panel's menu button and the first screen's link to the privacy page. */
  about: 'このチャットについて',
  aboutLink: 'このチャットについて（個人情報の取扱い）',

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

  closedHeading: 'いまは受付時間外です',
  closedHours: 'チャットの受付は、月曜日から金曜日の 10:00〜20:00 です（祝日と年末年始はお休み）。',
  alternativesHeading: 'ほかの相談方法',
  altPhone: (phone: string): string => `電話：${phone}（平日 10:00〜20:00）`,
  altMail: (mail: string): string => `メール：${mail}（いつでも送れます。お返事は受付時間内にします）`,
  altCallNote: '電話をかけると、通話の履歴や請求書に番号が残ることがあります。',

  connectingHeading: 'つないでいます',
  connectingBody: '少しだけお待ちください。',

  unsafeHeading: '安全な接続を確認できませんでした',
  unsafeBody: 'あなたのメッセージは送られていません。時間をおいて、もう一度お試しください。',
  /** Why the connection was not safe, said plainly under the 'unsafe' heading (in the entry: a changed chunk shows it before the rest of the text can load). */
  unsafeWhy: {
    unconfirmed: 'この相談員の鍵を、確認できませんでした。',
    expired: 'この相談員の鍵は、いまは使えない期間のものでした。',
    revoked: 'この相談員の鍵は、もう使えないものになっていました。',
    code: 'このチャットのプログラムが、本来のものと違っていました。',
  },
  close: '閉じる',

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
    TOO_MANY_OPEN: 'この回線からは、いま同時にはじめられる相談の数がいっぱいです。すでにはじめた相談があれば、そちらで続けてください。お急ぎのときは、お電話でもご相談いただけます。',
    PROOF_REFUSED: '相談をはじめる準備が、うまくいきませんでした。少し待ってから、もう一度お試しください。',
    TIMEOUT: '通信がうまくいきませんでした。電波の良いところで、もう一度お試しください。',
    INVALID_STATE: 'この相談はもう続けられません。',
    UNKNOWN_CONSULTATION: 'この相談はもう続けられません。',
    generic: 'うまくいきませんでした。もう一度お試しください。',
  },
  tryAgain: 'もう一度ためす',
};

/**
 * Japanese for the screens after the first one, in a chunk of its own (`ja-later.ts`), so the
 * entry script stays small.
 */
export type FirstScreenText = typeof jaFirst;
/** The shape every catalogue must have (first screen and the rest). */
export type Catalogue = FirstScreenText & typeof import('./ja-later.js').jaLater;
