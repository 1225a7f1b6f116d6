import { TsgCaseLogList } from './case-log-list.component.js';

export { TsgCaseLogList };

customElements.define('tsg-case-log-list', TsgCaseLogList);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-case-log-list': TsgCaseLogList;
  }
}
