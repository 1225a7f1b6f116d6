import { TsgQueueList } from './queue-list.component.js';

export { TsgQueueList };

customElements.define('tsg-queue-list', TsgQueueList);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-queue-list': TsgQueueList;
  }
}
