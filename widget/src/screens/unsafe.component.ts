import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { UnsafeReason } from '../consultation/types.js';
import { DismissEvent } from '../events/dismiss-event.js';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';

/**
 * The counselor's keys could not be trusted (not confirmed by the pinned organisation key as a
 * counselor's, outside their validity, or revoked): nothing was sent, and she is told so
 * plainly, with the reason in a few words. Closing ends the consultation on the server too.
 * Dispatches {@link DismissEvent}.
 *
 * @csspart screen - the body
 */
export class TsunagariUnsafe extends ScreenElement {
  static override styles = screenStyles;

  /** Why, when known. */
  @property({ attribute: false }) reason: UnsafeReason | null = null;

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div class="screen" part="screen">
      <div class="error" role="alert">
        <h3 tabindex="-1" data-focus>${t.unsafeHeading}</h3>
        ${this.reason ? html`<p>${t.unsafeWhy[this.reason]}</p>` : nothing}
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
