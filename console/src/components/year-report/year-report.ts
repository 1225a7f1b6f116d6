import { TsgYearReport } from './year-report.component.js';

export { TsgYearReport };

customElements.define('tsg-year-report', TsgYearReport);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-year-report': TsgYearReport;
  }
}
