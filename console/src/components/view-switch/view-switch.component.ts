import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ViewChangeEvent, type WorkspaceView } from '../../events/view-change.event.js';
import { ja } from '../../i18n/ja.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { viewSwitchStyles } from './view-switch.styles.js';

/**
 * Buttons above the main area: her usual screen (chats for counselors, the year report for
 * supervisors and admins), the appointments, the calendar and, for admins, the staff screen. Toggle buttons with aria-pressed rather than tabs: the panels
 * live in the workspace's shadow root, where a tab's aria-controls could not reach them.
 *
 * @fires tsg-view-change
 */
export class TsgViewSwitch extends LitElement {
  static override styles = [baseStyles, viewSwitchStyles];

  /** The label of her usual screen (相談 or 年度報告). */
  @property() mainLabel = '';
  /** The screen shown now. */
  @property() view: WorkspaceView = 'main';
  /** Counselors and supervisors log phone, mail and interview consultations (電話などの記録). */
  @property({ type: Boolean }) caseLogView = false;
  /** Admins also have the staff screen (職員). */
  @property({ type: Boolean }) staffView = false;

  override render() {
    const item = (view: WorkspaceView, label: string) =>
      html`<button class="btn-secondary" type="button" aria-pressed=${this.view === view ? 'true' : 'false'} @click=${() => this.pick(view)}>${label}</button>`;
    return html`<div role="group" aria-label=${ja.views.label}>
      ${item('main', this.mainLabel)}${item('appointments', ja.views.appointments)}${item('calendar', ja.views.calendar)}${this.caseLogView ? item('caselog', ja.views.caseLog) : ''}${this.staffView ? item('staff', ja.views.staff) : ''}
    </div>`;
  }

  private pick(view: WorkspaceView): void {
    if (view !== this.view) this.dispatchEvent(new ViewChangeEvent(view));
  }
}
