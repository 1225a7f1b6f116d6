import { TsgSealedNoteField } from './sealed-note-field.component.js';

export { TsgSealedNoteField };

customElements.define('tsg-sealed-note-field', TsgSealedNoteField);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-sealed-note-field': TsgSealedNoteField;
  }
}
