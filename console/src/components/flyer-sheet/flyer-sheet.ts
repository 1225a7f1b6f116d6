import { TsgFlyerSheet } from './flyer-sheet.component.js';

export { TsgFlyerSheet };

if (!customElements.get('tsg-flyer-sheet')) customElements.define('tsg-flyer-sheet', TsgFlyerSheet);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-flyer-sheet': TsgFlyerSheet;
  }
}
