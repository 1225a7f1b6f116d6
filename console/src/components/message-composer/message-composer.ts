import { TsgMessageComposer } from './message-composer.component.js';

export { TsgMessageComposer };

customElements.define('tsg-message-composer', TsgMessageComposer);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-message-composer': TsgMessageComposer;
  }
}
