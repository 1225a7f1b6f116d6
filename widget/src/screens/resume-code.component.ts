import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { expiryText } from '../consultation/resume-code.js';
import { CodeHideEvent } from '../events/code-hide-event.js';
import { CodeRequestEvent } from '../events/code-request-event.js';
import type { Catalogue, Lang } from '../i18n/index.js';
import { sharedStyles } from '../shared.styles.js';
import { resumeCodeStyles } from './resume-code.styles.js';

/** Where the code request stands (held by the host, so it survives waiting → chat). */
export type CodeState = { kind: 'making' } | { kind: 'shown'; code: string; expiresAt: string } | { kind: 'failed' } | null;

/**
 * The resume code: a button to ask for one, then the code in groups with its expiry and a copy
 * button. Focus goes to the box's heading when the code appears and back to the button when it
 * closes. Dispatches {@link CodeRequestEvent} and {@link CodeHideEvent}; the host makes the code.
 * It is slotted into the waiting and chat screens, so its events stay in the host's shadow root.
 *
 * @csspart code-box - the box that shows the code
 */
export class TsunagariResumeCode extends LitElement {
  static override styles = [sharedStyles, resumeCodeStyles];

  @property({ attribute: false }) t!: Catalogue;
  @property({ attribute: false }) language: Lang = 'ja';
  @property({ attribute: false }) code: CodeState = null;

  @state() private copied: 'ok' | 'failed' | null = null;

  protected override render(): TemplateResult {
    const t = this.t;
    const code = this.code;
    if (!code) {
      return html`<button type="button" class="secondary small" data-request @click=${() => this.dispatchEvent(new CodeRequestEvent())}>
        ${t.codeRequest}
      </button>`;
    }
    if (code.kind === 'making') return html`<p role="status">${t.codeMaking}</p>`;
    if (code.kind === 'failed') return html`<p class="error" role="alert">${t.errors.generic}</p>`;
    const groups = code.code.split('-');
    return html`<section class="box" part="code-box" aria-labelledby="code-title">
      <h3 id="code-title" tabindex="-1" data-focus>${t.codeHeading}</h3>
      <p>${t.codeBody}</p>
      <p class="code" lang="en" translate="no">${groups.map((g, i) => html`<span>${g}${i < groups.length - 1 ? '-' : ''}</span>`)}</p>
      <p>${t.codeExpires(expiryText(code.expiresAt, this.language))}</p>
      <div class="actions">
        <button type="button" @click=${this.copy}>${t.codeCopy}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new CodeHideEvent())}>${t.codeClose}</button>
      </div>
      <p class="status" role="status">${this.copied === 'ok' ? t.codeCopied : this.copied === 'failed' ? t.codeCopyFailed : nothing}</p>
    </section>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('code')) return;
    const before = changed.get('code') as CodeState | undefined;
    if (this.code?.kind === 'shown' && before?.kind !== 'shown') this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus();
    if (!this.code && before) {
      this.copied = null;
      this.renderRoot.querySelector<HTMLElement>('[data-request]')?.focus();
    }
  }

  private async copy(): Promise<void> {
    if (this.code?.kind !== 'shown') return;
    try {
      await navigator.clipboard.writeText(this.code.code);
      this.copied = 'ok';
    } catch {
      this.copied = 'failed';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-resume-code': TsunagariResumeCode;
  }
}
