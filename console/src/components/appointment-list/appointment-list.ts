import { TsgAppointmentList } from './appointment-list.component.js';

export { TsgAppointmentList };

customElements.define('tsg-appointment-list', TsgAppointmentList);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-appointment-list': TsgAppointmentList;
  }
}
