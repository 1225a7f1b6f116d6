import { html } from 'lit';
import { ja } from '../../i18n/ja.js';

const t = ja.sign;

/** The fields' words: the organisation key's by default, the records key's in the notes reader. */
export type KeyFieldWords = Record<'keyFile' | 'keyFileHint' | 'passphrase' | 'needFile' | 'needPassphrase', string>;

/**
 * The organisation key file picker and its passphrase, for any form that signs with the org key
 * (inside the form's own shadow root, so the form reads them by name: `file`, `passphrase`), or
 * with other words `w`, any key file's (the records key's).
 */
export const orgKeyFields = (w: KeyFieldWords = t) => html`
  <div class="field">
    <label for="sign-file">${w.keyFile}</label>
    <input id="sign-file" name="file" type="file" accept=".json,application/json" aria-describedby="sign-file-hint" />
    <p class="hint" id="sign-file-hint">${w.keyFileHint}</p>
  </div>
  <div class="field">
    <label for="sign-passphrase">${w.passphrase}</label>
    <input id="sign-passphrase" name="passphrase" type="password" autocomplete="off" />
  </div>
`;

/**
 * Reads the two fields from `form`, or says which is missing. The passphrase field is emptied
 * by {@link forgetPassphrase} after each attempt: it is kept for one action only.
 */
export function readOrgKeyFields(form: HTMLFormElement, w: KeyFieldWords = t): { ok: true; file: File; passphrase: string } | { ok: false; error: string; field: HTMLElement | null } {
  const fileField = form.elements.namedItem('file') as HTMLInputElement | null;
  const passphraseField = form.elements.namedItem('passphrase') as HTMLInputElement | null;
  const file = fileField?.files?.[0] ?? null;
  if (!file) return { ok: false, error: w.needFile, field: fileField };
  if (!passphraseField?.value) return { ok: false, error: w.needPassphrase, field: passphraseField };
  return { ok: true, file, passphrase: passphraseField.value };
}

export function forgetPassphrase(form: HTMLFormElement): void {
  const field = form.elements.namedItem('passphrase') as HTMLInputElement | null;
  if (field) field.value = '';
}
