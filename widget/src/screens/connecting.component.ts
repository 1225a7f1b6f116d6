import { html, type TemplateResult } from 'lit';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';

/**
 * "つないでいます": shown while the socket, crypto and later screens load. In the entry script,
 * so there is always something kind on screen while she waits.
 *
 * @csspart screen - the body
 */
export class TsunagariConnecting extends ScreenElement {
  static override styles = screenStyles;

  protected override render(): TemplateResult {
    return html`<div class="screen" part="screen">
      <h3 tabindex="-1" data-focus>${this.t.connectingHeading}</h3>
      <p>${this.t.connectingBody}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-connecting': TsunagariConnecting;
  }
}
