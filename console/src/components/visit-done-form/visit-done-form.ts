import { TsgVisitDoneForm } from './visit-done-form.component.js';

export { TsgVisitDoneForm };

customElements.define('tsg-visit-done-form', TsgVisitDoneForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-visit-done-form': TsgVisitDoneForm;
  }
}
