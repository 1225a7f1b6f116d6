import { type ProgramContacts, programContactsSchema, type ProgramSettings, type SettingsView } from '@tsunagari/shared';
import type { RequestResult } from '@tsunagari/shared/client';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { jaSettings } from '../../i18n/ja-settings.js';
import { errorText } from '../../services/workspace-context.js';
import { fieldStyles } from '../../styles/field.styles.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { settingsFormStyles } from './settings-form.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = jaSettings.settings;
type Answer = Promise<RequestResult<SettingsView>>;

/** The number fields, their setting and their words. */
const NUMBERS = [
  ['retentionDays', t.retention, t.retentionHint, 1, 3650],
  ['longWaitAlertMinutes', t.longWait, t.longWaitHint, 1, 240],
  ['offerTimeoutSeconds', t.offer, t.offerHint, 5, 600],
  ['clientGraceSeconds', t.clientGrace, t.clientGraceHint, 10, 3600],
  ['counselorGraceSeconds', t.counselorGrace, t.counselorGraceHint, 10, 3600],
] as const;

/**
 * The admin's form for the program's settings: hours, closure days, retention, the long-wait
 * alert, offer timeout and grace periods, and the program's phone and mail that her widget and
 * the flyers show (`settings:save`). The relay checks every value again
 * and stores nothing it refuses; what it answers is what is in force.
 */
export class TsgSettingsForm extends LitElement {
  static override styles = [baseStyles, fieldStyles, settingsFormStyles];

  @property({ attribute: false }) settings: ProgramSettings | null = null;
  /** The program's phone and mail in force. */
  @property({ attribute: false }) contacts: ProgramContacts | null = null;
  @property({ attribute: false }) save: ((s: ProgramSettings, contacts: ProgramContacts) => Answer) | null = null;

  @state() private error = '';
  @state() private done = '';
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);
  @state() private scheduled = true;

  override willUpdate(): void {
    if (this.settings && !this.hasUpdated) this.scheduled = this.settings.hours.mode === 'schedule';
  }

  override render() {
    const s = this.settings;
    if (!s) return nothing;
    const h = s.hours.mode === 'schedule' ? s.hours : { weekdays: [1, 2, 3, 4, 5], open: '10:00', close: '20:00', closures: [] as readonly string[] };
    return html`<section aria-labelledby="settings-heading">
      <h2 id="settings-heading">${t.heading}</h2>
      <p class="intro">${t.intro}</p>
      <form novalidate @submit=${this.onSubmit}>
        <fieldset>
          <legend>${t.hoursLegend}</legend>
          <label class="inline"><input type="radio" name="mode" value="always" .checked=${!this.scheduled} @change=${() => (this.scheduled = false)} />${t.always}</label>
          <label class="inline"><input type="radio" name="mode" value="schedule" .checked=${this.scheduled} @change=${() => (this.scheduled = true)} />${t.schedule}</label>
          <fieldset class="days" ?disabled=${!this.scheduled}>
            <legend>${t.weekdays}</legend>
            ${t.weekdayNames.map((name, i) => html`<label class="inline"><input type="checkbox" name="weekday" value=${i + 1} .checked=${h.weekdays.includes(i + 1)} />${name}</label>`)}
          </fieldset>
          <div class="row">
            <label class="field">${t.open}<input type="time" name="open" .value=${h.open} ?disabled=${!this.scheduled} required /></label>
            <label class="field">${t.close}<input type="time" name="close" .value=${h.close} ?disabled=${!this.scheduled} required /></label>
          </div>
          <label class="field">${t.closures}
            <textarea name="closures" rows="5" aria-describedby="closures-hint" ?disabled=${!this.scheduled} .value=${h.closures.join('\n')}></textarea></label>
          <p class="hint" id="closures-hint">${t.closuresHint}</p>
        </fieldset>
        <fieldset>
          <legend>${t.contactsLegend}</legend>
          <p class="hint" id="contacts-hint">${t.contactsHint}</p>
          <label class="field">${t.phone}
            <input type="tel" name="phone" autocomplete="off" .value=${this.contacts?.phone ?? ''} required aria-describedby="contacts-hint phone-hint" /></label>
          <p class="hint" id="phone-hint">${t.phoneHint}</p>
          <label class="field">${t.mail}
            <input type="email" name="mail" autocomplete="off" .value=${this.contacts?.mail ?? ''} required aria-describedby="contacts-hint" /></label>
        </fieldset>
        ${NUMBERS.map(
          ([key, label, hint, min, max]) => html`<div class="field">
            <label for="set-${key}">${label}</label>
            <input id="set-${key}" type="number" name=${key} inputmode="numeric" min=${min} max=${max} step="1" required .value=${String(s[key])} aria-describedby="set-${key}-hint" />
            <p class="hint" id="set-${key}-hint">${hint}</p>
          </div>`,
        )}
        <p class="error" role="alert">${this.error}</p>
        <p class="done" role="status">${this.done}</p>
        <button class="btn-primary" type="submit" ?disabled=${this.busy}>${t.save}</button>
      </form>
    </section>`;
  }

  private readonly onSubmit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (!this.save || !this.settings) return;
    const data = new FormData(e.target as HTMLFormElement);
    const closures = String(data.get('closures') ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    const unreadable = closures.find((c) => !/^(\d{4}-)?\d{2}-\d{2}$/.test(c));
    const weekdays = data.getAll('weekday').map(Number);
    if (unreadable !== undefined && this.scheduled) return this.fail(t.badClosures(unreadable));
    if (this.scheduled && weekdays.length === 0) return this.fail(t.needWeekday);
    const phone = programContactsSchema.shape.phone.safeParse(String(data.get('phone') ?? '').trim());
    const mail = programContactsSchema.shape.mail.safeParse(String(data.get('mail') ?? '').trim());
    if (!phone.success) return this.fail(t.badPhone);
    if (!mail.success) return this.fail(t.badMail);
    const num = (k: (typeof NUMBERS)[number][0]) => Number(data.get(k));
    const next: ProgramSettings = {
      hours: this.scheduled ? { mode: 'schedule', weekdays, open: String(data.get('open')), close: String(data.get('close')), closures } : { mode: 'always' },
      retentionDays: num('retentionDays'),
      longWaitAlertMinutes: num('longWaitAlertMinutes'),
      offerTimeoutSeconds: num('offerTimeoutSeconds'),
      clientGraceSeconds: num('clientGraceSeconds'),
      counselorGraceSeconds: num('counselorGraceSeconds'),
    };
    this.busy = true;
    const res = await this.save(next, { phone: phone.data, mail: mail.data });
    this.busy = false;
    this.error = res.ok ? '' : errorText(res.error);
    this.done = res.ok ? t.saved : '';
    if (res.ok) {
      this.settings = res.data.settings;
      this.contacts = res.data.contacts;
    }
  };

  private fail(text: string): void {
    this.done = '';
    this.error = text;
  }
}
