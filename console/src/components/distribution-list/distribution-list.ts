import { TsgDistributionList } from './distribution-list.component.js';

export { TsgDistributionList };

customElements.define('tsg-distribution-list', TsgDistributionList);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-distribution-list': TsgDistributionList;
  }
}
