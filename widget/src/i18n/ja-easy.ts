import type { Catalogue } from './ja.js';
import type { PrivacyFigures, PrivacySection } from './ja-later.js';

/**
 * やさしい日本語 (easy Japanese): short sentences, one idea each, everyday words, few kanji,
 * spaces between phrases. Written for women who are still learning Japanese, and for anyone
 * reading in a hurry. The content language is still Japanese (`lang="ja"`).
 */
export const jaEasy: Catalogue = {
  id: 'ja-easy',
  lang: 'ja',

  launcher: 'チャットで そうだん する',
  launcherBack: 'チャットに もどる',
  panelLabel: 'つながりチャット',
  closePanel: 'ちいさく する',
  languageLabel: 'ことば',
  about: 'この チャットに ついて',
  aboutLink: 'この チャットに ついて（こじん じょうほうの あつかい）',

  exit: 'すぐに とじる',
  exitHint: 'Shift キーを 3かい おしても とじます',
  shiftCount: (n: number): string => `Shift キー ${n}かいめ です。あと ${3 - n}かい おすと、とじます。`,
  shiftReset: '',

  safetyHeading: 'はじめに あんぜんの ために',
  safetyExit:
    'だれかに 見られそうな ときは、「すぐに とじる」ボタンを おして ください。Shift キーを 3かい おしても いいです。すぐに べつの ページに なります。',
  safetyHistory:
    'この ページを 見たことは、ブラウザの「りれき」に のこります。じぶんで けさないと きえません。しんぱいな ときは、シークレットモードで ひらいて ください。',
  safetyEmergencyHeading: 'あぶない ときは',
  emergency110: '110（けいさつ）',
  emergency119: '119（きゅうきゅうしゃ・けが・びょうき）',
  emergency8008: '#8008（DVの そうだん まどぐち）',

  introHeading: 'ここは あんしんして はなせる ところ です',
  introLines: [
    'なまえや でんわばんごうは ききません。',
    'メッセージは あなたと そうだんいん しか 読めません。',
    'うまく はなせなくても だいじょうぶ です。',
  ],
  start: 'そうだんを はじめる',
  resumeStart: 'つづきから そうだん する',
  notConfigured: 'いまは この チャットを つかえません。',

  intakeHeading: 'よければ おしえて ください',
  intakeIntro: 'こたえなくても だいじょうぶ です。こたえは そうだんいん だけが 見ます。',
  ageLabel: 'ねんれい',
  ageNoAnswer: 'こたえない',
  ageBands: {
    'under-20': '19さい まで',
    '20s': '20〜29さい',
    '30s': '30〜39さい',
    '40s': '40〜49さい',
    '50s': '50〜59さい',
    '60s': '60〜69さい',
    '70-plus': '70さい いじょう',
  },
  topicsLabel: 'なにを そうだん したいですか（いくつ えらんでも いいです）',
  topics: {
    生活困窮: 'せいかつが くるしい',
    経済的困難: 'おかねが たりない',
    生活不安: 'くらしが しんぱい',
    子育て: 'こそだて',
    介護: 'かいご',
    夫婦関係: 'おっと・パートナーの こと',
    親子関係: 'おや・こどもの こと',
    職場の人間関係: 'しごとの ばしょの 人',
    近隣の人間関係: 'ちかくに すむ 人',
    喪失: 'たいせつな 人や ものを なくした',
    '虐待・DV': 'ぼうりょく・DV',
    医療費: 'びょういんの おかね',
    孤独: 'ひとりで つらい',
    その他: 'そのほか',
  },
  dangerLabel: 'いま、あぶない ですか？',
  danger: { yes: 'はい', no: 'いいえ', unsure: 'わからない' },
  dangerHeading: 'あなたの あんぜんが いちばん たいせつ です',
  dangerBody:
    'いのちが あぶない ときは、すぐ 110 に でんわ して ください。けがを している ときは 119 です。チャットでも いそいで つなぎます。',
  intakeContinue: 'こたえて すすむ',
  intakeSkip: 'こたえないで すすむ',

  closedHeading: 'いまは チャットが お休み です',
  closedHours: 'チャットは げつようび から きんようび、10じ から 20じ まで です。しゅくじつと ねんまつねんしは お休み です。',
  alternativesHeading: 'ほかの そうだんの しかた',
  altPhone: (phone: string): string => `でんわ：${phone}（へいじつ 10じ〜20じ）`,
  altMail: (mail: string): string => `メール：${mail}（いつでも おくれます）`,
  altCallNote: 'でんわを すると、でんわの りれきに ばんごうが のこります。',

  connectingHeading: 'つないで います',
  connectingBody: 'すこし まって ください。',

  waitingHeading: 'じゅんばんに つないで います',
  queuePosition: (position: number): string => `いま ${position}ばんめ です。`,
  queueAhead: (ahead: number): string => `まえに ${ahead}人 います。`,
  queueNext: 'もうすぐ あなたの ばん です。',
  estimate: (minutes: number): string => (minutes <= 1 ? 'もうすぐ です' : `だいたい ${minutes}ふん まちます`),
  waitingBody: 'この がめんの まま まって ください。そうだんいんと つながると、ここに でます。',
  requeued: 'そうだんいんが かわります。このまま すこし まって ください。いままでの はなしは、つぎの そうだんいんに つたわります。',
  stillWaitingAsk: (time: string): string => `まだ まって いますか？ じゅんばんは そのまま です。まって いるときは、${time} までに したの ボタンを おして ください。`,
  stillWaitingYes: 'まって います',
  waitingAlternatives: 'おまたせ して ごめんなさい。いそぐ ときは、でんわや メールでも そうだん できます。',

  connected: 'そうだんいんと つながりました',
  chatHint: 'はなせる ことから で だいじょうぶ です。',
  logLabel: 'かいわ',
  you: 'あなた',
  counselor: 'そうだんいん',
  pending: 'おくって います',
  failed: 'おくれません でした',
  failedBusy: 'おくれません でした。すこし まってから おくって ください',
  failedWaiting: 'そうだんいん が へんじ を するまで、これいじょう おくれません。へんじ が きたら、つづき を おくって ください',
  failedFull: 'この チャット では、もう おくれません。つづき は でんわ か メール で はなせます',
  failedStorage: 'ごめんなさい。いま メッセージを うけとれません。すこし まって もう いちど おくるか、でんわ か メール で そうだん して ください',
  retry: 'もう一ど おくる',
  unreadable: '読めない メッセージが あります',
  transferred: 'そうだんいんが かわりました。つづけて はなして ください。',
  counselorTyping: 'そうだんいんが かいて います…',
  orderMissing: 'そうだんいんからの メッセージが、ひとつ とどいて いないかも しれません。「もう一ど おくって ください」と かいても だいじょうぶです。',
  orderRepeated: 'おなじ メッセージが 2かい とどきました。1かいだけ みせて います。',

  messageLabel: 'メッセージ',
  send: 'おくる',
  sendHint: 'Ctrl + Enter でも おくれます。',
  tooLong: (max: number, now: number): string => `${max}もじ まで です（いま ${now}もじ）。`,

  codeRequest: 'つづきの ための コードを もらう',
  codeHeading: 'つづきの コード',
  codeBody:
    'この コードが あれば、ほかの 日や ほかの スマホからでも、つづきを はなせます。この スマホには のこしません。人に 見られない ところに かいて おいて ください。',
  codeExpires: (date: string): string => `${date} まで つかえます。`,
  codeCopy: 'コピー する',
  codeCopied: 'コピー しました。',
  codeCopyFailed: 'コピー できません でした。かいて おいて ください。',
  codeClose: 'コードを とじる',
  codeMaking: 'コードを つくって います…',

  resumeHeading: 'つづきから そうだん する',
  resumeLabel: 'つづきの コード',
  resumeHint: 'れい：7K3M-Q9PX-…（「-」や スペースは なくても いいです）',
  resumeSubmit: 'つづける',
  resumeBack: 'もどる',
  resumeInvalid: 'コードが ちがう ようです。もう一ど 見て ください。',
  resumeNotFound: 'この コードの そうだんは 見つかりません。きげんが おわったか、そうだんが おわって います。',

  end: 'そうだんを おわる',
  endConfirm: 'そうだんを おわりますか？ おわると、かいわは がめんから きえます。',
  endYes: 'おわる',
  endNo: 'つづける',

  endedHeading: 'そうだんが おわりました',
  endedBody: 'はなして くれて ありがとう ございました。また はなしたく なったら、いつでも きて ください。',
  endedByCounselor: 'そうだんいんが そうだんを おわりました。',
  endedAbandoned: 'ながい あいだ やりとりが なかったので、そうだんを おわりました。いつでも また はじめから どうぞ。',
  close: 'とじる',
  continueHeading: 'つづけますか？',
  continueBody: 'ページが もう一ど ひらかれました。さっきの そうだんを つづける ときは「つづける」を おして ください。',
  continueYes: 'つづける',
  continueNo: 'おわりに する',
  unsafeWhy: {
    unconfirmed: 'この そうだんいんの かぎを、たしかめられません でした。',
    expired: 'この そうだんいんの かぎは、いまは つかえない ものでした。',
    revoked: 'この そうだんいんの かぎは、もう つかえない ものでした。',
    code: 'この チャットの プログラムが、ほんとうの ものと ちがって いました。',
  },

  unsafeHeading: 'あんぜんに つなげません でした',
  unsafeBody: 'あなたの メッセージは おくって いません。あとで もう一ど ためして ください。',

  status: {
    idle: '',
    connecting: 'つないで います…',
    connected: '',
    reconnecting: 'きれました。もう一ど つないで います…',
    closed: 'つながって いません。',
  },

  errors: {
    OUTSIDE_HOURS: 'いまは チャットが お休み です。',
    RATE_LIMITED: 'いま こんで います。すこし まってから ためして ください。',
    TOO_MANY_OPEN: 'いま おなじ インターネットからは、これいじょう そうだんを はじめられません。はじめた そうだんが あれば、そちらで つづけて ください。いそぐ ときは、でんわでも そうだん できます。',
    PROOF_REFUSED: 'そうだんを はじめる じゅんびが うまく いきませんでした。すこし まってから、もう いちど ためして ください。',
    TIMEOUT: 'うまく つながりません でした。でんぱの いい ところで ためして ください。',
    INVALID_STATE: 'この そうだんは もう つづけられません。',
    UNKNOWN_CONSULTATION: 'この そうだんは もう つづけられません。',
    STORAGE_FULL: 'ごめんなさい。いま この チャットは あたらしい そうだんや メッセージを うけとれません。すこし まってから もう いちど ためすか、でんわ か メール で そうだん して ください。',
    generic: 'うまく いきません でした。もう一ど ためして ください。',
  },
  tryAgain: 'もう一ど ためす',

  privacyHeading: 'この チャットに ついて（こじん じょうほうの あつかい）',
  privacy: (f: PrivacyFigures): PrivacySection[] => [
    {
      heading: 'だれが よめるか',
      lines: [
        'メッセージは、あなたの スマホで かぎを かけてから おくります。よめるのは、あなたと、そうだんいん だけです。そうだんいんが かわった ときは、つぎの そうだんいんも、まえの かいわを よめます。',
        'チャットを はこぶ サーバーは、なかみを よめません。',
      ],
    },
    {
      heading: 'サーバーに のこる もの',
      lines: [
        'なまえ、れんらくさき、IP アドレス、スマホの しゅるいは、のこしません。',
        `かぎが かかった ままの メッセージと、そうだんの きろくは、そうだんが おわってから ${f.retentionDays === null ? 'きまった きかんの あと' : `${f.retentionDays} にち たつと`}、けします。もとに もどせません。`,
        'かずを しらべる ために、そうだんの 月・ないようの しゅるい・ねんだい などを、だれの そうだんか わからない かたちで のこします。',
      ],
    },
    {
      heading: 'この スマホに のこる もの',
      lines: [
        'かいわは、この スマホに のこしません。',
        `ページを もう一ど ひらいた とき つづけられる ように、この タブの なかに だけ、つづきに いる かぎ などを ${f.reloadMinutes} ふんの あいだ のこします（かいわの もじは のこしません）。そうだんを おわった ときと「すぐに とじる」を おした ときは、すぐに けします。`,
        'この ページを ひらいた ことは、ブラウザの りれきに のこります。',
      ],
    },
    {
      heading: 'すぐに とじる',
      lines: ['「すぐに とじる」ボタンか、Shift キーを 3かい おすと、すぐに べつの ページに かわり、かいわは がめんから きえます。そうだんいんには、あなたが でた ことだけが つたわります。この そうだんは、その あと つづけられません。'],
    },
    {
      heading: 'つづきの コード',
      lines: [
        `「つづきの コード」を つくると、${f.resumeCodeDays === null ? 'きまった きかん' : `${f.resumeCodeDays} にち`}の あいだ、べつの スマホ などから つづきを はなせます。コードを しって いる ひとは だれでも かいわを よめます。ひとに みられない ところに かいて おいて ください。`,
        'そうだんを おわった ときと「すぐに とじる」を おした ときは、コードは つかえなく なります。',
      ],
    },
    {
      heading: 'ほかの そうだん まどぐちに つなぐ とき',
      lines: [
        'ほかの まどぐちや しえんに つなぐ とき、あなたの れんらくさき（でんわ ばんごう など）を あずかる ことが あります。かぎを かけて、この だんたいの きろく ようの かぎ でしか あけられない ように して、ほかの きろくと おなじ きかんの あと けします。',
      ],
    },
  ],
  privacyBack: 'もどる',
};
