import { TsgCalendarBookForm } from './calendar-book-form.component.js';

export { TsgCalendarBookForm };

customElements.define('tsg-calendar-book-form', TsgCalendarBookForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-calendar-book-form': TsgCalendarBookForm;
  }
}
