import { TsgDistributionSummary } from './distribution-summary.component.js';

export { TsgDistributionSummary };

customElements.define('tsg-distribution-summary', TsgDistributionSummary);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-distribution-summary': TsgDistributionSummary;
  }
}
