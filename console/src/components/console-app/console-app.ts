import { TsgConsoleApp } from './console-app.component.js';

export { TsgConsoleApp };

customElements.define('tsg-console-app', TsgConsoleApp);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-console-app': TsgConsoleApp;
  }
}
