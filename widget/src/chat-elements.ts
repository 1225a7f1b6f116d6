import { TsunagariChatLog } from './components/chat-log.component.js';
import { TsunagariComposer } from './components/composer.component.js';
import { TsunagariChatScreen } from './screens/chat.component.js';
import { TsunagariContinue } from './screens/continue.component.js';
import { TsunagariEnded } from './screens/ended.component.js';
import { TsunagariIntake } from './screens/intake.component.js';
import { TsunagariPrivacy } from './screens/privacy.component.js';
import { TsunagariResumeCode } from './screens/resume-code.component.js';
import { TsunagariResumeEntry } from './screens/resume-entry.component.js';
import { TsunagariWaiting } from './screens/waiting.component.js';

/**
 * Registration of everything after the first screen: intake, resume entry, waiting, chat (with
 * its log and composer), the resume-code box, ended, the question after a reload, and the privacy page. This chunk loads when she opens
 * the chat, not with the host page (`index.ts` registers the element and the first screens).
 */
const elements: Record<string, CustomElementConstructor> = {
  'tsunagari-intake': TsunagariIntake,
  'tsunagari-resume-entry': TsunagariResumeEntry,
  'tsunagari-waiting': TsunagariWaiting,
  'tsunagari-chat-screen': TsunagariChatScreen,
  'tsunagari-chat-log': TsunagariChatLog,
  'tsunagari-composer': TsunagariComposer,
  'tsunagari-resume-code': TsunagariResumeCode,
  'tsunagari-ended': TsunagariEnded,
  'tsunagari-continue': TsunagariContinue,
  'tsunagari-privacy': TsunagariPrivacy,
};

export function defineChatElements(): void {
  for (const [name, ctor] of Object.entries(elements)) if (!customElements.get(name)) customElements.define(name, ctor);
}
