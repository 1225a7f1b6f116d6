import { TsgEnrolPage } from './enrol-page.component.js';

export { TsgEnrolPage };

customElements.define('tsg-enrol-page', TsgEnrolPage);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-enrol-page': TsgEnrolPage;
  }
}
