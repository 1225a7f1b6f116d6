import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { ShownError } from '../consultation/view.js';
import { NavigateEvent } from '../events/navigate-event.js';
import { emergencyNumbers, errorText, exitTip } from './parts.js';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';

/**
 * The first screen: how to leave quickly, start or continue with a code, then the rest of the
 * safety notice (emergency numbers, that history stays), what this chat is, and the way to the
 * privacy page. In the entry script; its
 * Japanese is the only text there. Dispatches {@link NavigateEvent}.
 *
 * @csspart screen - the body
 * @csspart start-button - the button that starts a consultation
 */
export class TsunagariSafetyNotice extends ScreenElement {
  static override styles = screenStyles;

  /** The last start that failed, if any (then the start button says "try again"). */
  @property({ attribute: false }) error: ShownError | null = null;

  protected override render(): TemplateResult {
    const t = this.t;
    // On a 360×740 phone 相談をはじめる shows without scrolling: the one thing to know first (how to
    // leave quickly), then the buttons, then the rest of the safety notice and the introduction.
    return html`<div class="screen" part="screen">
      <h3 tabindex="-1" data-focus>${t.safetyHeading}</h3>
      ${exitTip(t)} ${errorText(t, this.error)}
      <div class="actions">
        <button type="button" part="start-button" @click=${() => this.go('intake')}>${this.error ? t.tryAgain : t.start}</button>
        <button type="button" class="secondary" @click=${() => this.go('resume')}>${t.resumeStart}</button>
      </div>
      <div class="safety">
        ${emergencyNumbers(t)}
        <p>${t.safetyHistory}</p>
      </div>
      <h3>${t.introHeading}</h3>
      <ul>
        ${t.introLines.map((line) => html`<li>${line}</li>`)}
      </ul>
      <button type="button" class="link" @click=${() => this.go('privacy')}>${t.aboutLink}</button>
    </div>`;
  }

  private go(to: 'intake' | 'resume' | 'privacy'): void {
    this.dispatchEvent(new NavigateEvent(to));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-safety-notice': TsunagariSafetyNotice;
  }
}
