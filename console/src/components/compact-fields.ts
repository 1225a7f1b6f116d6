import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';

/**
 * What the compact keyboard-first forms share (the case log, visits): a labelled select of a closed
 * list, and Enter saving from any field. `?selected` gives the first render its choice (the options
 * do not exist yet when `.value` is set); `live` `.value` then resets a select she changed by hand.
 * `none` adds an empty first option with that label (a choice she must make, or "none").
 */
export function compactSelect<K extends string>(id: string, label: string, keys: readonly K[], value: K | '', names: (k: K) => string, change: (v: K) => void, none?: string) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} .value=${live(value)} @change=${(e: Event) => change((e.target as HTMLSelectElement).value as K)}>
      ${none !== undefined ? html`<option value="" ?selected=${value === ''}>${none}</option>` : nothing}
      ${keys.map((k) => html`<option value=${k} ?selected=${k === value}>${names(k)}</option>`)}
    </select>
  </div>`;
}

/** A form's keydown: Enter saves from any field (a select does not submit a form by itself); buttons keep their own Enter. */
export function enterSaves(save: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Enter' || e.isComposing || (e.target as HTMLElement).localName === 'button') return;
    e.preventDefault();
    save();
  };
}
