import { TsgTransferForm } from './transfer-form.component.js';

export { TsgTransferForm };

customElements.define('tsg-transfer-form', TsgTransferForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-transfer-form': TsgTransferForm;
  }
}
