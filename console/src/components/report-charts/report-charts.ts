import { TsgReportCharts } from './report-charts.component.js';

export { TsgReportCharts };

customElements.define('tsg-report-charts', TsgReportCharts);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-report-charts': TsgReportCharts;
  }
}
