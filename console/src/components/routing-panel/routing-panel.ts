import { TsgRoutingPanel } from './routing-panel.component.js';

export { TsgRoutingPanel };

customElements.define('tsg-routing-panel', TsgRoutingPanel);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-routing-panel': TsgRoutingPanel;
  }
}
