import type { EndReason, ErrorCode, StaffRole } from '@tsunagari/shared';

/**
 * Every string the console shows, in one place. Staff are Japanese counselors: the tone is
 * plain and calm, and error texts say what to do next rather than what went wrong inside.
 */
export const ja = {
  app: {
    name: 'つながりチャット',
    consoleName: '相談員コンソール',
  },
  login: {
    heading: 'ログイン',
    intro: '相談員用のアカウントでログインしてください。',
    username: 'ユーザー名',
    usernameHint: '半角の英小文字・数字・記号（. _ -）で入力します。',
    password: 'パスワード',
    submit: 'ログイン',
    busyParams: 'サーバーに確認しています…',
    busyKeys: '鍵を確認しています…',
    required: 'ユーザー名とパスワードを入力してください。',
    keysOnlyInMemory: '暗号鍵はこの画面の中だけに保持されます。ページを再読み込みすると、もう一度ログインが必要です。',
  },
  auth: {
    wrongCredentials: 'ユーザー名またはパスワードが正しくありません。もう一度お確かめください。',
    rateLimited: 'ログインの試行が続いたため、しばらく受け付けを止めています。少し時間をおいてからお試しください。',
    network: 'サーバーに接続できませんでした。ネットワークの状態を確かめて、もう一度お試しください。',
    unwrapFailed: '暗号鍵を開けませんでした。お手数ですが管理者に連絡してください。',
    cryptoLoadFailed: '暗号の準備ができませんでした。ページを再読み込みしてお試しください。',
    sessionExpired: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    other: 'ログインできませんでした。少し時間をおいてからもう一度お試しください。',
  },
  header: {
    staffLabel: 'ログイン中',
    logout: 'ログアウト',
    loggingOut: 'ログアウトしています…',
  },
  role: {
    counselor: '相談員',
    supervisor: 'スーパーバイザー',
    admin: '管理者',
  } satisfies Record<StaffRole, string>,
  connection: {
    connecting: 'サーバーに接続しています…',
    reconnecting: '接続が切れました。再接続しています…',
    disconnected: 'サーバーとの接続が切れています。',
    retry: '再接続する',
  },
  nav: {
    label: '相談の一覧',
  },
  queue: {
    heading: '待機中の相談',
    empty: '待機中の相談はありません。',
    urgent: '緊急',
    urgentLong: '緊急（危険が迫っている可能性）',
    waited: (wait: string) => `待ち時間 ${wait}`,
    position: (n: number) => `${n}番目`,
    campaign: (c: string | null) => `経路：${c ?? '直接'}`,
    take: '対応する',
    taking: '対応を始めています…',
    count: (n: number) => `${n}件`,
    notCounselor: '相談の受け付けは相談員のアカウントで行います。',
  },
  mine: {
    heading: '対応中の相談',
    empty: '対応中の相談はありません。',
    unread: (n: number) => `未読 ${n}件`,
    statusKeyPending: '鍵交換中',
    statusActive: '対応中',
    statusEnded: '終了',
  },
  chat: {
    title: (label: string) => `相談 ${label}`,
    noneSelected: '左の一覧から相談を選んでください。',
    keyExchange: '相談者の端末と暗号鍵を交換しています…',
    keyFailed: '暗号鍵を開けませんでした。この相談のメッセージは読めません。',
    loadingHistory: 'これまでのメッセージを読み込んでいます…',
    noMessages: 'まだメッセージはありません。相談者にあいさつを送りましょう。',
    noMessagesEnded: 'メッセージのやりとりはありませんでした。',
    messagesLabel: 'メッセージ',
    fromClient: '相談者',
    fromCounselor: 'あなた',
    undecryptable: '（このメッセージは表示できません）',
    composerLabel: 'メッセージ',
    composerHint: 'Ctrl + Enter（Mac は ⌘ + Enter）でも送信できます。',
    send: '送信',
    sending: '送信中…',
    charCount: (n: number, max: number) => `${n} / ${max} 文字`,
    tooLong: (max: number) => `${max}文字以内で入力してください。`,
    end: '相談を終了する',
    endConfirm: 'この相談を終了しますか？ 相談者の画面にも終了が伝わります。',
    endConfirmYes: '終了する',
    endConfirmNo: 'キャンセル',
    ending: '終了しています…',
    endedByYou: 'この相談を終了しました。',
    endedByClient: '相談者が退出しました',
    endedByClientQuickExit: '相談者が緊急退出しました',
    endedAbandoned: '相談者との接続が途絶えたため、相談は終了しました。',
    endedUnknown: 'この相談は終了しています。',
    urgent: '緊急',
  },
  announce: {
    newQueueEntry: (n: number) => `待機中の相談が${n}件増えました。`,
    urgentQueueEntry: '緊急の相談が待機しています。',
    newMessage: (label: string, text: string) => `${label}：相談者から「${text}」`,
    newMessageOther: (label: string) => `${label}に新しいメッセージがあります。`,
    keyReady: (label: string) => `${label}：暗号鍵の交換が終わりました。メッセージを送れます。`,
    ended: (label: string, text: string) => `${label}：${text}`,
    taken: (label: string) => `${label}の対応を始めました。`,
  },
  errors: {
    ALREADY_TAKEN: 'ほかの相談員が対応を始めました。',
    UNKNOWN_CONSULTATION: 'この相談は見つかりませんでした。すでに終了している可能性があります。',
    INVALID_STATE: 'この相談は今の状態では操作できません。すでに終了している可能性があります。',
    FORBIDDEN: 'この操作はあなたのアカウントでは行えません。',
    NOT_AUTHENTICATED: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    INVALID_PAYLOAD: '送信内容を受け付けられませんでした。内容を確かめてください。',
    PAYLOAD_TOO_LARGE: 'メッセージが長すぎます。短く分けて送ってください。',
    OUTSIDE_HOURS: '受付時間外のため操作できません。',
    RATE_LIMITED: '操作が続いたため、少し待ってからお試しください。',
    INTERNAL: 'サーバーで問題が起きました。少し時間をおいてからお試しください。',
    TIMEOUT: 'サーバーからの応答がありません。接続を確かめて、もう一度お試しください。',
    OFFLINE: 'サーバーに接続していません。再接続を待ってからお試しください。',
    CRYPTO: '暗号化の処理に失敗しました。もう一度お試しください。',
  } satisfies Record<ErrorCode | 'TIMEOUT' | 'OFFLINE' | 'CRYPTO', string>,
  dismiss: '閉じる',
} as const;

/** The sentence shown when a consultation ends, by who ended it and why. */
export function endedText(endedBy: 'client' | 'counselor' | null, reason: EndReason | null): string {
  if (endedBy === 'counselor') return ja.chat.endedByYou;
  if (reason === 'quick_exit') return ja.chat.endedByClientQuickExit;
  if (reason === 'abandoned') return ja.chat.endedAbandoned;
  if (endedBy === 'client') return ja.chat.endedByClient;
  return ja.chat.endedUnknown;
}
