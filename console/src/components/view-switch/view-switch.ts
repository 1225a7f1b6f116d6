import { TsgViewSwitch } from './view-switch.component.js';

export { TsgViewSwitch };

customElements.define('tsg-view-switch', TsgViewSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-view-switch': TsgViewSwitch;
  }
}
