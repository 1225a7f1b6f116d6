import { TsgCalendarWeek } from './calendar-week.component.js';

export { TsgCalendarWeek };

customElements.define('tsg-calendar-week', TsgCalendarWeek);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-calendar-week': TsgCalendarWeek;
  }
}
