import { TsgTodayBoard } from './today-board.component.js';

export { TsgTodayBoard };

customElements.define('tsg-today-board', TsgTodayBoard);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-today-board': TsgTodayBoard;
  }
}
