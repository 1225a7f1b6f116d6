import { TsgStaffAdmin } from './staff-admin.component.js';

export { TsgStaffAdmin };

customElements.define('tsg-staff-admin', TsgStaffAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-staff-admin': TsgStaffAdmin;
  }
}
