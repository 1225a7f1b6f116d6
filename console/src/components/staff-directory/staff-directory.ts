import { TsgStaffDirectory } from './staff-directory.component.js';

export { TsgStaffDirectory };

customElements.define('tsg-staff-directory', TsgStaffDirectory);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-staff-directory': TsgStaffDirectory;
  }
}
