import { TsgLoginForm } from './login-form.component.js';

export { TsgLoginForm };

customElements.define('tsg-login-form', TsgLoginForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-login-form': TsgLoginForm;
  }
}
