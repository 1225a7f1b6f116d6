import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { codeShapeOk } from '../consultation/resume-code.js';
import type { ShownError } from '../consultation/view.js';
import { NavigateEvent } from '../events/navigate-event.js';
import { ResumeSubmitEvent } from '../events/resume-submit-event.js';
import { errorText } from './parts.js';
import { resumeEntryStyles } from './resume-entry.styles.js';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';

/**
 * "続きから相談する": she types the code she was given. Its shape is checked here before anything
 * loads; the field is emptied once it is sent. Dispatches {@link ResumeSubmitEvent} and
 * {@link NavigateEvent} (back).
 *
 * @csspart screen - the form
 */
export class TsunagariResumeEntry extends ScreenElement {
  static override styles = [screenStyles, resumeEntryStyles];

  /** The controller's last error (a code the server did not know, or anything else). */
  @property({ attribute: false }) error: ShownError | null = null;

  @state() private shapeError = false;
  private get field(): HTMLInputElement {
    return this.renderRoot.querySelector('#code') as HTMLInputElement;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const err = this.shapeError ? 'RESUME_INVALID' : this.error === 'RESUME_INVALID' || this.error === 'RESUME_NOT_FOUND' ? this.error : null;
    return html`<form class="screen" part="screen" @submit=${this.submit} novalidate>
      <h3 tabindex="-1" data-focus>${t.resumeHeading}</h3>
      <label for="code">${t.resumeLabel}</label>
      <input
        id="code"
        name="code"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        aria-describedby="code-hint ${err ? 'code-error' : ''}"
        aria-invalid=${err ? 'true' : 'false'}
      />
      <p id="code-hint" class="note">${t.resumeHint}</p>
      ${err ? html`<p id="code-error" class="error" role="alert">${err === 'RESUME_INVALID' ? t.resumeInvalid : t.resumeNotFound}</p>` : nothing}
      ${err ? nothing : errorText(t, this.error)}
      <div class="actions">
        <button type="submit">${t.resumeSubmit}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new NavigateEvent('intro'))}>${t.resumeBack}</button>
      </div>
    </form>`;
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const code = this.field.value;
    if (!codeShapeOk(code)) {
      this.shapeError = true;
      this.field.focus();
      return;
    }
    this.shapeError = false;
    this.field.value = '';
    this.dispatchEvent(new ResumeSubmitEvent(code));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-resume-entry': TsunagariResumeEntry;
  }
}
