import { MAX_NOTE_CHARS } from '@tsunagari/shared/crypto';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import { baseStyles, formGroupStyles } from '../../styles/shared.styles.js';
import { sealedNoteFieldStyles } from './sealed-note-field.styles.js';

const t = ja.sealedNote;

/**
 * The case-log form's optional note (issue 16): free text that the form seals to the pinned
 * records key before it leaves the browser. Shown only when the console config pins a records
 * key. Empty by default, so a phone call is logged without it. Plain Enter is a new line here
 * (stopped before the form's Enter-saves); Ctrl+Enter still reaches the form and saves.
 */
export class TsgSealedNoteField extends LitElement {
  static override styles = [baseStyles, formGroupStyles, sealedNoteFieldStyles];

  /** The entry being corrected already carries a note (which this console cannot read). */
  @property({ type: Boolean }) hasNote = false;

  @state() private length = 0;
  @query('textarea') private area?: HTMLTextAreaElement;

  /** What she wrote, trimmed; empty when she wrote nothing. */
  get value(): string {
    return this.area?.value.trim() ?? '';
  }

  /** Empties the field (after a save: the words leave the page). */
  clear(): void {
    if (this.area) this.area.value = '';
    this.length = 0;
  }

  override render() {
    return html`<div class="field">
      <label for="note">${t.label} <span class="optional">${t.optional}</span></label>
      <p class="hint" id="note-hint">${t.hint}</p>
      ${this.hasNote ? html`<p class="has-note" id="note-has">${t.hasNote}</p>` : nothing}
      <textarea
        id="note"
        rows="3"
        maxlength=${MAX_NOTE_CHARS}
        autocomplete="off"
        spellcheck="false"
        aria-describedby=${this.hasNote ? 'note-hint note-has note-keys' : 'note-hint note-keys'}
        @input=${() => (this.length = this.area?.value.length ?? 0)}
        @keydown=${this.onKeydown}
      ></textarea>
      <p class="hint keys"><span id="note-keys">${t.keys}</span> <span aria-hidden="true">${t.count(this.length, MAX_NOTE_CHARS)}</span></p>
    </div>`;
  }

  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) e.stopPropagation();
  };
}
