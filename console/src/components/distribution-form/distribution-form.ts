import { TsgDistributionForm } from './distribution-form.component.js';

export { TsgDistributionForm };

customElements.define('tsg-distribution-form', TsgDistributionForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-distribution-form': TsgDistributionForm;
  }
}
