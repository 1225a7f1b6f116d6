import { TsgChatList } from './chat-list.component.js';

export { TsgChatList };

customElements.define('tsg-chat-list', TsgChatList);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-chat-list': TsgChatList;
  }
}
