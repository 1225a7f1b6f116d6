import { html } from 'lit';
import { ja } from '../../i18n/ja.js';

const t = ja.sign;

/**
 * The organisation key file picker and its passphrase, for any form that signs with the org key
 * (inside the form's own shadow root, so the form reads them by name: `file`, `passphrase`).
 */
export const orgKeyFields = () => html`
  <div class="field">
    <label for="sign-file">${t.keyFile}</label>
    <input id="sign-file" name="file" type="file" accept=".json,application/json" aria-describedby="sign-file-hint" />
    <p class="hint" id="sign-file-hint">${t.keyFileHint}</p>
  </div>
  <div class="field">
    <label for="sign-passphrase">${t.passphrase}</label>
    <input id="sign-passphrase" name="passphrase" type="password" autocomplete="off" />
  </div>
`;

/**
 * Reads the two fields from `form`, or says which is missing. The passphrase field is emptied
 * by {@link forgetPassphrase} after each attempt: it is kept for one action only.
 */
export function readOrgKeyFields(form: HTMLFormElement): { ok: true; file: File; passphrase: string } | { ok: false; error: string; field: HTMLElement | null } {
  const fileField = form.elements.namedItem('file') as HTMLInputElement | null;
  const passphraseField = form.elements.namedItem('passphrase') as HTMLInputElement | null;
  const file = fileField?.files?.[0] ?? null;
  if (!file) return { ok: false, error: t.needFile, field: fileField };
  if (!passphraseField?.value) return { ok: false, error: t.needPassphrase, field: passphraseField };
  return { ok: true, file, passphrase: passphraseField.value };
}

export function forgetPassphrase(form: HTMLFormElement): void {
  const field = form.elements.namedItem('passphrase') as HTMLInputElement | null;
  if (field) field.value = '';
}
