import type { EndReason, SenderRole } from '@tsunagari/shared';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { DismissEvent } from '../events/dismiss-event.js';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';

/**
 * The consultation is over (memory already wiped): who ended it, a kind word, and a close
 * button back to an empty first screen. Dispatches {@link DismissEvent}.
 *
 * @csspart screen - the body
 */
export class TsunagariEnded extends ScreenElement {
  static override styles = screenStyles;

  @property({ attribute: false }) endedBy: SenderRole | null = null;
  @property({ attribute: false }) endReason: EndReason | null = null;

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div class="screen" part="screen">
      <h3 tabindex="-1" data-focus>${t.endedHeading}</h3>
      ${this.endedBy === 'counselor' ? html`<p>${t.endedByCounselor}</p>` : nothing}
      ${this.endReason === 'abandoned' ? html`<p>${t.endedAbandoned}</p>` : nothing}
      <p>${t.endedBody}</p>
      <div class="actions"><button type="button" @click=${() => this.dispatchEvent(new DismissEvent())}>${t.close}</button></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-ended': TsunagariEnded;
  }
}
