import { TsgStaffInviteForm } from './staff-invite-form.component.js';

export { TsgStaffInviteForm };

customElements.define('tsg-staff-invite-form', TsgStaffInviteForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-staff-invite-form': TsgStaffInviteForm;
  }
}
