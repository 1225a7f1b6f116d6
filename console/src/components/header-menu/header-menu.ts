import { TsgHeaderMenu } from './header-menu.component.js';

export { TsgHeaderMenu };

customElements.define('tsg-header-menu', TsgHeaderMenu);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-header-menu': TsgHeaderMenu;
  }
}
