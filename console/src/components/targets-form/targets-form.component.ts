import { type FiscalYearTargets, TARGET_KEYS, type TargetKey } from '@tsunagari/shared';
import { html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ja } from '../../i18n/ja.js';
import type { FormResult } from '../../state/form-requests.js';
import { compactFormStyles } from '../../styles/compact-form.styles.js';
import { baseStyles, formBoxStyles, formGroupStyles } from '../../styles/shared.styles.js';
import { targetsFormStyles } from './targets-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.targets;

/**
 * The admin's targets of one fiscal year: a whole number per key, blank for none. Saving replaces
 * the year's targets (`targets:set`); the year report then shows them against the results.
 */
export class TsgTargetsForm extends LitElement {
  static override styles = [baseStyles, formBoxStyles, formGroupStyles, compactFormStyles, targetsFormStyles];

  @property({ type: Number }) fiscalYear = 0;
  /** The year's targets as the report last showed them (the form starts from these). */
  @property({ attribute: false }) current: FiscalYearTargets = {};
  @property({ attribute: false }) save: ((fiscalYear: number, targets: FiscalYearTargets) => Promise<FormResult>) | null = null;

  @state() private values: Partial<Record<TargetKey, string>> = {};
  /** She has typed since the form last took the report's targets: a report arriving now must not wipe it. */
  private edited = false;
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private error = '';
  @state() private notice = '';

  override willUpdate(changed: PropertyValues<this>): void {
    // Another year: its own targets. The same year's report arriving (or reloading) while she
    // types keeps what she typed — taking it would silently save the old figures over hers.
    if (changed.has('fiscalYear') || (changed.has('current') && !this.edited)) {
      this.values = Object.fromEntries(TARGET_KEYS.map((k) => [k, this.current[k]?.toString() ?? '']));
      this.edited = false;
    }
  }

  override render() {
    return html`<form aria-labelledby="tg-h" novalidate @submit=${this.onSubmit}>
      <h3 id="tg-h">${t.formHeading(ja.report.yearLabel(this.fiscalYear))}</h3>
      <p class="intro">${t.formIntro}</p>
      <div class="fields">
        ${TARGET_KEYS.map(
          (k) => html`<div class="field">
            <label for="tg-${k}">${t.keys[k]}</label>
            <input id="tg-${k}" type="number" inputmode="numeric" min="0" max="100000" step="1" .value=${this.values[k] ?? ''}
              @input=${(e: Event) => {
                this.edited = true;
                this.values = { ...this.values, [k]: (e.target as HTMLInputElement).value };
              }} />
          </div>`,
        )}
      </div>
      <p class="error" role="alert">${this.error}</p>
      <div class="row">
        <button class="btn-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.saving : t.save}</button>
        <p class="done" role="status">${this.notice}</p>
      </div>
    </form>`;
  }

  private readonly onSubmit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!this.save || this.busy) return;
    const targets: FiscalYearTargets = {};
    for (const k of TARGET_KEYS) {
      const text = (this.values[k] ?? '').trim();
      if (text === '') continue;
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0 || n > 100_000) {
        this.error = ja.errors.INVALID_PAYLOAD;
        return;
      }
      targets[k] = n;
    }
    this.busy = true;
    this.error = '';
    const res = await this.save(this.fiscalYear, targets);
    this.busy = false;
    if (res.ok) {
      this.notice = t.saved;
      // Saved: the next report's targets are hers, and the form follows them again.
      this.edited = false;
    }
    else this.error = res.error;
  };
}
