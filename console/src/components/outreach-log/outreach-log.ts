import { TsgOutreachLog } from './outreach-log.component.js';

export { TsgOutreachLog };

customElements.define('tsg-outreach-log', TsgOutreachLog);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-outreach-log': TsgOutreachLog;
  }
}
