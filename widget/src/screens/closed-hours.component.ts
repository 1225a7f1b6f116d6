import { nextOpeningText, type WidgetStatus } from '@tsunagari/shared';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Lang } from '../i18n/index.js';
import { closedHoursStyles } from './closed-hours.styles.js';
import { alternatives, safetyInfo } from './parts.js';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';

/**
 * Outside opening hours: when the chat opens next ("次は 12月1日（月）10:00 から"), the hours,
 * mail and phone, and the safety notice. No way to queue. In the entry script (it can be the
 * first thing she sees).
 *
 * @csspart screen - the body
 */
export class TsunagariClosedHours extends ScreenElement {
  static override styles = [screenStyles, closedHoursStyles];

  /** What `/api/widget/status` said (null while unknown). */
  @property({ attribute: false }) status: WidgetStatus | null = null;
  /** Her language, for the next-opening text. */
  @property({ attribute: false }) language: Lang = 'ja';

  protected override render(): TemplateResult {
    const t = this.t;
    const next = this.status?.nextOpening ? new Date(this.status.nextOpening) : null;
    return html`<div class="screen" part="screen">
      <h3 tabindex="-1" data-focus>${t.closedHeading}</h3>
      ${next && !Number.isNaN(next.getTime()) ? html`<p class="next">${nextOpeningText(next, this.language)}</p>` : nothing}
      <p>${t.closedHours}</p>
      ${alternatives(t, this.status?.alternatives, true)} ${safetyInfo(t)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-closed-hours': TsunagariClosedHours;
  }
}
