import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { DismissEvent } from '../events/dismiss-event.js';
import type { PrivacyFigures } from '../i18n/ja-later.js';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';

/**
 * 「このチャットについて（個人情報の取扱い）」: what the relay keeps and does not, for how long, who
 * can read her messages, quick exit and the resume code, what her phone and a hand-off leave
 * behind. Written for her, in her language. Its figures are the relay's configuration (from the
 * status it sends) and the page's reload window, never numbers written into the text. Reached
 * from the first screen and the panel's menu; the chat goes on underneath while she reads.
 * Dispatches {@link DismissEvent} to go back.
 *
 * @csspart screen - the body
 */
export class TsunagariPrivacy extends ScreenElement {
  static override styles = screenStyles;

  @property({ attribute: false }) figures: PrivacyFigures = { retentionDays: null, resumeCodeDays: null, reloadMinutes: 5 };

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div class="screen" part="screen">
      <h3 tabindex="-1" data-focus>${t.privacyHeading}</h3>
      ${t.privacy(this.figures).map(
        (s) => html`<h4>${s.heading}</h4>
          ${s.lines.map((line) => html`<p>${line}</p>`)}`,
      )}
      <div class="actions"><button type="button" @click=${() => this.dispatchEvent(new DismissEvent())}>${t.privacyBack}</button></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-privacy': TsunagariPrivacy;
  }
}
