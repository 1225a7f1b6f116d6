import { TsunagariChat } from './tsunagari-chat.component.js';

export { TsunagariChat };

/**
 * Defines the element once. Guarded so that a page that loads the script twice (or a newer copy
 * after an older one) does not throw and leave her with a broken widget. The chat log and
 * composer are defined by a chunk that loads when she opens the chat (`chat-elements.ts`).
 */
if (!customElements.get('tsunagari-chat')) customElements.define('tsunagari-chat', TsunagariChat);
