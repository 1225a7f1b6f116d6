import { TsgHandoffForm } from './handoff-form.component.js';

export { TsgHandoffForm };

customElements.define('tsg-handoff-form', TsgHandoffForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-handoff-form': TsgHandoffForm;
  }
}
