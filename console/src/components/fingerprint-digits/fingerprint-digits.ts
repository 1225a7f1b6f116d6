import { TsgFingerprintDigits } from './fingerprint-digits.component.js';

export { TsgFingerprintDigits };

customElements.define('tsg-fingerprint-digits', TsgFingerprintDigits);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-fingerprint-digits': TsgFingerprintDigits;
  }
}
