import { html, type TemplateResult } from 'lit';
import { DismissEvent } from '../events/dismiss-event.js';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';

/**
 * The counselor's keys were not signed by the pinned organisation key: nothing was sent, and
 * she is told so plainly. Closing ends the consultation on the server too. Dispatches
 * {@link DismissEvent}.
 *
 * @csspart screen - the body
 */
export class TsunagariUnsafe extends ScreenElement {
  static override styles = screenStyles;

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div class="screen" part="screen">
      <div class="error" role="alert">
        <h3 tabindex="-1" data-focus>${t.unsafeHeading}</h3>
        <p>${t.unsafeBody}</p>
      </div>
      <div class="actions"><button type="button" @click=${() => this.dispatchEvent(new DismissEvent())}>${t.close}</button></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-unsafe': TsunagariUnsafe;
  }
}
