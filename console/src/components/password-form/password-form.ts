import { TsgPasswordForm } from './password-form.component.js';

export { TsgPasswordForm };

customElements.define('tsg-password-form', TsgPasswordForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-password-form': TsgPasswordForm;
  }
}
