import type { WidgetStatus } from '@tsunagari/shared';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { ShownError } from '../consultation/view.js';
import { StillHereEvent } from '../events/still-here-event.js';
import type { Lang } from '../i18n/index.js';
import { alternatives, errorText } from './parts.js';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';
import { waitingStyles } from './waiting.styles.js';

/**
 * In the queue (again, with a kind line, when her counselor left or handed her back): her place, how many are ahead, the estimated wait (announced politely as it
 * changes), phone and mail when the wait is long. After a long quiet wait, 「まだお待ちですか？」
 * with one button (read out at once: it has a time limit). The resume-code box comes in through
 * the `code` slot.
 *
 * @fires tsunagari-still-here - she answered that she is still waiting
 *
 * @slot code - the resume-code box
 * @csspart screen - the body
 */
export class TsunagariWaiting extends ScreenElement {
  static override styles = [screenStyles, waitingStyles];

  @property({ attribute: false }) position: number | null = null;
  @property({ attribute: false }) estimatedWaitSeconds: number | null = null;
  @property({ attribute: false }) showAlternatives = false;
  @property({ attribute: false }) alternatives: WidgetStatus['alternatives'] | undefined;
  @property({ attribute: false }) error: ShownError | null = null;
  /** She was with a counselor and waits again: a kind line, read out with the heading. */
  @property({ attribute: false }) requeued = false;
  /** She is asked whether she still waits, to answer by this time (ISO); null: not asked. */
  @property({ attribute: false }) stillWaitingBy: string | null = null;
  /** Her language, for the time in the question. */
  @property({ attribute: false }) language: Lang = 'ja';

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div class="screen" part="screen">
      <h3 tabindex="-1" data-focus aria-describedby=${this.requeued ? 'requeued' : nothing}>${t.waitingHeading}</h3>
      ${this.requeued ? html`<p class="notice" id="requeued">${t.requeued}</p>` : nothing}
      <div role="alert">${this.stillWaitingBy ? html`<div class="notice">
        <p>${t.stillWaitingAsk(answerTime(this.stillWaitingBy, this.language))}</p>
        <button type="button" @click=${() => this.dispatchEvent(new StillHereEvent())}>${t.stillWaitingYes}</button>
      </div>` : nothing}</div>
      <div role="status">${this.queueText()}</div>
      <p>${t.waitingBody}</p>
      ${this.showAlternatives ? html`<p>${t.waitingAlternatives}</p>${alternatives(t, this.alternatives, false)}` : nothing}
      ${errorText(t, this.error)}
      <slot name="code"></slot>
    </div>`;
  }

  private queueText(): TemplateResult | typeof nothing {
    const { position, estimatedWaitSeconds: wait, t } = this;
    if (position === null) return nothing;
    return html`<p class="queue">${t.queuePosition(position)}</p>
      <p>${position > 1 ? t.queueAhead(position - 1) : t.queueNext}</p>
      ${wait !== null && wait >= 0 ? html`<p>${t.estimate(Math.max(1, Math.ceil(wait / 60)))}</p>` : nothing}`;
  }
}

/** The time she must answer by, as her phone's clock shows it (hours and minutes). */
function answerTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', { hour: '2-digit', minute: '2-digit' }).format(d);
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-waiting': TsunagariWaiting;
  }
}
