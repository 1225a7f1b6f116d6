import { html, type TemplateResult } from 'lit';
import { ContinueEvent } from '../events/continue-event.js';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';

/**
 * After a reload of the tab, before any of the chat shows: one calm question, 「続けますか？」.
 * Going on shows the chat; the other choice ends it cleanly. The quick exit stays beside it, in
 * the panel's shell. Nothing of the consultation (not even that a counselor was there) is on it,
 * for whoever reopened the tab may not be her. Dispatches {@link ContinueEvent}.
 *
 * @csspart screen - the body
 * @csspart start-button - the button that goes on
 */
export class TsunagariContinue extends ScreenElement {
  static override styles = screenStyles;

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div class="screen" part="screen">
      <h3 tabindex="-1" data-focus>${t.continueHeading}</h3>
      <p>${t.continueBody}</p>
      <div class="actions">
        <button type="button" part="start-button" @click=${() => this.dispatchEvent(new ContinueEvent(true))}>${t.continueYes}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new ContinueEvent(false))}>${t.continueNo}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-continue': TsunagariContinue;
  }
}
