import type { Catalogue } from './ja.js';
import type { PrivacyFigures, PrivacySection } from './ja-later.js';

/** English UI text. Same tone as the Japanese: plain, kind, no blame, no false urgency. */
export const en: Catalogue = {
  id: 'en',
  lang: 'en',

  launcher: 'Chat with us',
  launcherBack: 'Back to the chat',
  panelLabel: 'Tsunagari chat',
  closePanel: 'Minimise',
  languageLabel: 'Language',
  about: 'About this chat',
  aboutLink: 'About this chat (your personal information)',

  exit: 'Exit now',
  exitHint: 'Or press the Shift key 3 times',
  shiftCount: (n: number): string => `Shift key pressed ${n} time${n === 1 ? '' : 's'}. Press ${3 - n} more to leave this page.`,
  shiftReset: '',

  safetyHeading: 'First, for your safety',
  safetyExit:
    'If someone might see your screen, press “Exit now” or press the Shift key 3 times. The page changes to another site at once and the chat disappears.',
  safetyHistory:
    'Your browser history will show that you opened this page; it is not erased by itself. If you are worried, use a private (incognito) window, or clear your history afterwards.',
  safetyEmergencyHeading: 'If you are in danger',
  emergency110: '110 (police)',
  emergency119: '119 (ambulance, injury or sudden illness)',
  emergency8008: '#8008 (DV helpline, your nearest support centre)',

  introHeading: 'A safe place to talk',
  introLines: [
    'We will not ask your name or contact details. You can talk with a counselor anonymously.',
    'Messages are encrypted: only you and the counselor can read them.',
    'It is fine if your thoughts are not in order. Start with whatever comes to mind.',
  ],
  start: 'Start a chat',
  resumeStart: 'Continue an earlier chat',
  notConfigured: 'This chat is not available yet.',

  intakeHeading: 'If you like, tell us a little',
  intakeIntro: 'You do not have to answer. Your answers are encrypted and go only to the counselor.',
  ageLabel: 'Age',
  ageNoAnswer: 'Prefer not to say',
  ageBands: {
    'under-20': 'Under 20',
    '20s': '20s',
    '30s': '30s',
    '40s': '40s',
    '50s': '50s',
    '60s': '60s',
    '70-plus': '70 or over',
  },
  topicsLabel: 'What would you like to talk about? (choose any)',
  topics: {
    生活困窮: 'Struggling to get by',
    経済的困難: 'Money problems',
    生活不安: 'Worries about daily life',
    子育て: 'Raising children',
    介護: 'Caring for someone',
    夫婦関係: 'Husband or partner',
    親子関係: 'Parents or children',
    職場の人間関係: 'People at work',
    近隣の人間関係: 'Neighbours',
    喪失: 'Loss of someone or something',
    '虐待・DV': 'Abuse or domestic violence',
    医療費: 'Medical costs',
    孤独: 'Loneliness',
    その他: 'Something else',
  },
  dangerLabel: 'Are you in danger right now?',
  danger: { yes: 'Yes', no: 'No', unsure: 'Not sure' },
  dangerHeading: 'Your safety comes first',
  dangerBody:
    'If your life is in danger, call 110 now. If you are hurt, call 119. We will also connect you to a counselor as quickly as we can.',
  intakeContinue: 'Continue with these answers',
  intakeSkip: 'Continue without answering',

  closedHeading: 'The chat is closed right now',
  closedHours: 'The chat is open Monday to Friday, 10:00–20:00 (closed on national holidays and over New Year).',
  alternativesHeading: 'Other ways to reach us',
  altPhone: (phone: string): string => `Phone: ${phone} (weekdays 10:00–20:00)`,
  altMail: (mail: string): string => `Email: ${mail} (write any time; we reply during opening hours)`,
  altCallNote: 'A phone call may show in the call history and on the phone bill.',

  connectingHeading: 'Connecting',
  connectingBody: 'Just a moment, please.',

  waitingHeading: 'You are in line',
  queuePosition: (position: number): string => `You are number ${position}.`,
  queueAhead: (ahead: number): string => `${ahead} ${ahead === 1 ? 'person is' : 'people are'} ahead of you.`,
  queueNext: 'You are next.',
  estimate: (minutes: number): string => (minutes <= 1 ? 'About: very soon' : `About ${minutes} minutes`),
  waitingBody: 'Please keep this screen open. A counselor will appear here when she joins.',
  requeued: 'Your counselor is changing. Please wait here a little longer. The conversation so far will be passed on to the next counselor.',
  stillWaitingAsk: (time: string): string => `Are you still waiting? Your place in line is kept. If you are, please press the button below by ${time}.`,
  stillWaitingYes: 'I am still waiting',
  waitingAlternatives: 'Sorry to keep you waiting. If it is urgent, you can also reach us by phone or email.',

  connected: 'A counselor has joined',
  chatHint: 'Start wherever you feel able to.',
  logLabel: 'Conversation',
  you: 'You',
  counselor: 'Counselor',
  pending: 'Sending',
  failed: 'Not sent',
  failedBusy: 'Not sent. Please wait a moment, then send it',
  failedWaiting: 'Not sent: this is as much as you can send before a counselor replies. Please send the rest once she answers',
  failedFull: 'Not sent: this chat cannot hold any more. You can go on by phone or email',
  failedStorage: 'Not sent: we are sorry, the chat cannot take messages right now. Please send it again in a little while, or call or email us',
  retry: 'Send again',
  unreadable: 'A message could not be read',
  transferred: 'Another counselor has taken over. Please carry on.',
  counselorTyping: 'The counselor is typing…',
  orderMissing: 'A message from your counselor may not have arrived. If you are unsure, you can ask them to send it again.',
  orderRepeated: 'The same message arrived twice, so it is shown only once.',

  messageLabel: 'Message',
  send: 'Send',
  sendHint: 'Ctrl + Enter also sends.',
  tooLong: (max: number, now: number): string => `Up to ${max} characters (now ${now}).`,

  codeRequest: 'Get a code to continue later',
  codeHeading: 'Continue code',
  codeBody:
    'With this code you can continue this chat another day, on any device. It is not saved on this device. Write it down or copy it somewhere no one else will see.',
  codeExpires: (date: string): string => `Valid until ${date}.`,
  codeCopy: 'Copy',
  codeCopied: 'Copied.',
  codeCopyFailed: 'Could not copy. Please write it down.',
  codeClose: 'Hide the code',
  codeMaking: 'Making your code…',

  resumeHeading: 'Continue an earlier chat',
  resumeLabel: 'Continue code',
  resumeHint: 'For example 7K3M-Q9PX-… (hyphens and spaces are optional)',
  resumeSubmit: 'Continue',
  resumeBack: 'Back',
  resumeInvalid: 'That code does not look right. Please check it again.',
  resumeNotFound: 'We could not find a chat for this code. It may have expired, or the chat has ended.',

  end: 'End the chat',
  endConfirm: 'End the chat? The conversation will disappear from the screen.',
  endYes: 'End',
  endNo: 'Keep talking',

  endedHeading: 'The chat has ended',
  endedBody: 'Thank you for talking with us. If you want to talk again, you are welcome back here any time.',
  endedByCounselor: 'The counselor ended this chat.',
  endedAbandoned: 'We heard nothing from you for a long time, so the chat was ended. You are welcome to start again at any time.',
  close: 'Close',
  continueHeading: 'Do you want to go on?',
  continueBody: 'The page was loaded again. To go on with the chat you were having, press “Go on”.',
  continueYes: 'Go on',
  continueNo: 'End it here',
  unsafeWhy: {
    unconfirmed: "This counselor's key could not be confirmed.",
    expired: "This counselor's key is not valid at this time.",
    revoked: "This counselor's key is no longer in use.",
    code: 'The program of this chat was not the one it should be.',
  },

  unsafeHeading: 'We could not confirm a safe connection',
  unsafeBody: 'Your messages were not sent. Please try again a little later.',

  status: {
    idle: '',
    connecting: 'Connecting…',
    connected: '',
    reconnecting: 'Connection lost. Reconnecting…',
    closed: 'Not connected.',
  },

  errors: {
    OUTSIDE_HOURS: 'The chat is closed right now.',
    RATE_LIMITED: 'It is busy right now. Please try again in a little while.',
    TOO_MANY_OPEN: 'No more chats can be started from this network right now. If you already started one, please continue there. If it is urgent, you can also call us.',
    PROOF_REFUSED: 'We could not get the chat ready to start. Please wait a moment and try again.',
    TIMEOUT: 'The connection did not work. Please try again where the signal is better.',
    INVALID_STATE: 'This chat cannot continue.',
    UNKNOWN_CONSULTATION: 'This chat cannot continue.',
    STORAGE_FULL: 'We are sorry: the chat cannot take new chats or messages right now. Please try again in a little while, or call or email us.',
    generic: 'Something went wrong. Please try again.',
  },
  tryAgain: 'Try again',

  privacyHeading: 'About this chat (your personal information)',
  privacy: (f: PrivacyFigures): PrivacySection[] => [
    {
      heading: 'Who can read your messages',
      lines: [
        'Your messages are encrypted on your device before they are sent. Only you and the counselor looking after your chat can read them. If another counselor takes over, they can read the conversation so far too.',
        'The server that carries the chat cannot read them.',
      ],
    },
    {
      heading: 'What the server keeps',
      lines: [
        'We do not record your name, contact details, IP address or what kind of device you use.',
        `The encrypted messages and the records about this chat are deleted for good ${f.retentionDays === null ? 'after a set period' : `${f.retentionDays} days`} after the chat ends.`,
        'For statistics we keep the month, the kind of worry and your age group, in a way that does not show whose chat it was.',
      ],
    },
    {
      heading: 'What stays on this device',
      lines: [
        'The conversation is not saved on this device.',
        `So that you can go on after the page reloads, this tab alone keeps what is needed to carry on (encryption keys, never the words of the chat) for ${f.reloadMinutes} minutes. It is deleted at once when the chat ends or when you press “Exit now”.`,
        'Your browser history will show that you opened this page.',
      ],
    },
    {
      heading: 'Exit now',
      lines: ['“Exit now” or the Shift key pressed 3 times changes the page to another site at once and the chat disappears from the screen. The counselor is only told that you left. The chat cannot be continued after that.'],
    },
    {
      heading: 'The code to continue',
      lines: [
        `If you make a code to continue, you can carry on this chat from another device for ${f.resumeCodeDays === null ? 'a set period' : `${f.resumeCodeDays} days`}. Anyone who knows the code can read the chat, so keep it where others will not see it.`,
        'The code stops working when the chat ends or when you press “Exit now”.',
      ],
    },
    {
      heading: 'If we put you in touch with other support',
      lines: [
        'If we put you in touch with another service, we may keep the contact details you give us (such as a phone number). They are encrypted so that only this organisation\'s records key can open them, and deleted after the same period as the other records.',
      ],
    },
  ],
  privacyBack: 'Back',
};
