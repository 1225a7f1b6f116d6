import { TsgRevocationForm } from './revocation-form.component.js';

export { TsgRevocationForm };

customElements.define('tsg-revocation-form', TsgRevocationForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-revocation-form': TsgRevocationForm;
  }
}
