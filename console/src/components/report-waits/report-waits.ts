import { TsgReportWaits } from './report-waits.component.js';

export { TsgReportWaits };

customElements.define('tsg-report-waits', TsgReportWaits);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-report-waits': TsgReportWaits;
  }
}
