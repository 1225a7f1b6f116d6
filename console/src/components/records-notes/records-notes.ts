import { TsgRecordsNotes } from './records-notes.component.js';

export { TsgRecordsNotes };

customElements.define('tsg-records-notes', TsgRecordsNotes);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-records-notes': TsgRecordsNotes;
  }
}
