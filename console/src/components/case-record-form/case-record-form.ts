import { TsgCaseRecordForm } from './case-record-form.component.js';

export { TsgCaseRecordForm };

customElements.define('tsg-case-record-form', TsgCaseRecordForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-case-record-form': TsgCaseRecordForm;
  }
}
