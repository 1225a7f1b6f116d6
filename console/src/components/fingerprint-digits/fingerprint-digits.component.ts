import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { fingerprintDigitsStyles } from './fingerprint-digits.styles.js';

/**
 * A fingerprint as people read it aloud: five groups of five digits, large, with room between
 * the groups. Screen readers hear it group by group (each group is its own text).
 */
export class TsgFingerprintDigits extends LitElement {
  static override styles = [baseStyles, fingerprintDigitsStyles];

  /** "01234 56789 …" as the shared fingerprint functions print it. */
  @property() digits = '';
  /** What the number is, said before it. */
  @property() label = '';
  /** `small` for the header menu; large everywhere people compare it. */
  @property({ reflect: true }) size: 'large' | 'small' = 'large';

  override render() {
    const groups = this.digits.split(/\s+/).filter(Boolean);
    return html`
      <figure>
        <figcaption>${this.label}</figcaption>
        <p class="digits" translate="no">${groups.map((g) => html`<span class="group">${g}</span> `)}</p>
      </figure>
    `;
  }
}
