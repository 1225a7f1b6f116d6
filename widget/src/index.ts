import { TsunagariChatLog } from './components/chat-log.component.js';
import { TsunagariComposer } from './components/composer.component.js';
import { TsunagariChat } from './tsunagari-chat.component.js';

export { TsunagariChat, TsunagariChatLog, TsunagariComposer };

/**
 * Defines each element once. Guarded so that a page that loads the script twice (or a newer
 * copy after an older one) does not throw and leave her with a broken widget.
 */
function define(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}

define('tsunagari-chat-log', TsunagariChatLog);
define('tsunagari-composer', TsunagariComposer);
define('tsunagari-chat', TsunagariChat);
