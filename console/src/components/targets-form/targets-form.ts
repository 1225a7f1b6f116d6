import { TsgTargetsForm } from './targets-form.component.js';

export { TsgTargetsForm };

customElements.define('tsg-targets-form', TsgTargetsForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-targets-form': TsgTargetsForm;
  }
}
