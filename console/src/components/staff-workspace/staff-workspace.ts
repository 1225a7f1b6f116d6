import { TsgStaffWorkspace } from './staff-workspace.component.js';

export { TsgStaffWorkspace };

customElements.define('tsg-staff-workspace', TsgStaffWorkspace);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-staff-workspace': TsgStaffWorkspace;
  }
}
