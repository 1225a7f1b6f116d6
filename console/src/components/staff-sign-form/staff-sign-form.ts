import { TsgStaffSignForm } from './staff-sign-form.component.js';

export { TsgStaffSignForm };

customElements.define('tsg-staff-sign-form', TsgStaffSignForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-staff-sign-form': TsgStaffSignForm;
  }
}
