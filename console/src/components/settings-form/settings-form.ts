import { TsgSettingsForm } from './settings-form.component.js';

export { TsgSettingsForm };

customElements.define('tsg-settings-form', TsgSettingsForm);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-settings-form': TsgSettingsForm;
  }
}
