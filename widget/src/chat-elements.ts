import { TsunagariChatLog } from './components/chat-log.component.js';
import { TsunagariComposer } from './components/composer.component.js';

/** The chat's own elements: loaded with the socket and crypto, not in the entry script. */
export function defineChatElements(): void {
  if (!customElements.get('tsunagari-chat-log')) customElements.define('tsunagari-chat-log', TsunagariChatLog);
  if (!customElements.get('tsunagari-composer')) customElements.define('tsunagari-composer', TsunagariComposer);
}

export { TsunagariChatLog, TsunagariComposer };
