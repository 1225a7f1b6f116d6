import { TsgAppHeader } from './app-header.component.js';

export { TsgAppHeader };

customElements.define('tsg-app-header', TsgAppHeader);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-app-header': TsgAppHeader;
  }
}
