import { TsgCaseLogForm } from './case-log-form.component.js';

export { TsgCaseLogForm };

customElements.define('tsg-case-log-form', TsgCaseLogForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-case-log-form': TsgCaseLogForm;
  }
}
