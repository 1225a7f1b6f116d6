import { html, type LitElement } from 'lit';
import { ja } from '../i18n/ja.js';

const t = ja.caseLog;

/** One record row's actions, as the case log and the visits lists show them. */
export interface RecordRowActions {
  /** How the row is named to a screen reader after each button (「（6月4日 電話）」). */
  label: string;
  /** Whether this row's withdrawal waits for her second yes. */
  confirming: boolean;
  /** 直す: the form takes the record. */
  edit: () => void;
  /** 取り下げる: asks once more, in place. */
  ask: () => void;
  /** 本当に取り下げる. */
  withdraw: () => void;
  /** やめる: back to the first two buttons. */
  cancel: () => void;
}

/**
 * 直す and 取り下げる for a record the staff member (or a supervisor) may change; 取り下げる asks
 * once more in place — 本当に取り下げる / やめる — rather than in a dialog that traps focus. The
 * case log's list and the visits list share it.
 */
export function recordRowActions(a: RecordRowActions) {
  const label = html`<span class="sr-only">${a.label}</span>`;
  return a.confirming
    ? html`<button class="btn-danger" type="button" @click=${a.withdraw}>${t.withdrawConfirm}${label}</button>
        <button class="btn-secondary" type="button" @click=${a.cancel}>${t.withdrawCancel}</button>`
    : html`<button class="btn-secondary" type="button" @click=${a.edit}>${t.edit}${label}</button>
        <button class="btn-secondary" type="button" @click=${a.ask}>${t.withdraw}${label}</button>`;
}

/** After 取り下げる: the second question takes the place of the first, so focus moves onto it. */
export function focusWithdrawConfirm(host: LitElement): void {
  void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLButtonElement>('.btn-danger')?.focus());
}
