import { TsgChatPanel } from './chat-panel.component.js';

export { TsgChatPanel };

customElements.define('tsg-chat-panel', TsgChatPanel);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-chat-panel': TsgChatPanel;
  }
}
