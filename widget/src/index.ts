import { TsunagariClosedHours } from './screens/closed-hours.component.js';
import { TsunagariConnecting } from './screens/connecting.component.js';
import { TsunagariSafetyNotice } from './screens/safety-notice.component.js';
import { TsunagariUnsafe } from './screens/unsafe.component.js';
import { TsunagariChat } from './tsunagari-chat.component.js';

export { TsunagariChat };

/**
 * Defines the element and the screens that can be the first thing she sees (safety notice,
 * closed hours, connecting) and the 'unsafe' screen (a changed chunk is refused before the
 * later screens can load). Guarded so that a page that loads the script twice (or a newer copy
 * after an older one) does not throw and leave her with a broken widget. Every later screen is
 * defined by a chunk that loads when she opens the chat (`chat-elements.ts`).
 */
const elements: Record<string, CustomElementConstructor> = {
  'tsunagari-safety-notice': TsunagariSafetyNotice,
  'tsunagari-closed-hours': TsunagariClosedHours,
  'tsunagari-connecting': TsunagariConnecting,
  'tsunagari-unsafe': TsunagariUnsafe,
  'tsunagari-chat': TsunagariChat,
};
for (const [name, ctor] of Object.entries(elements)) if (!customElements.get(name)) customElements.define(name, ctor);
