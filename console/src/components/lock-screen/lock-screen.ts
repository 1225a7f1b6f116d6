import { TsgLockScreen } from './lock-screen.component.js';

export { TsgLockScreen };

customElements.define('tsg-lock-screen', TsgLockScreen);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-lock-screen': TsgLockScreen;
  }
}
