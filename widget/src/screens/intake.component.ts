import { AGE_BANDS, type AgeBand, type DangerAnswer, DANGER_ANSWERS, type Topic, TOPICS, type WidgetStatus } from '@tsunagari/shared';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { IntakeAnswers } from '../consultation/types.js';
import type { ShownError } from '../consultation/view.js';
import { IntakeSubmitEvent } from '../events/intake-submit-event.js';
import { intakeStyles } from './intake.styles.js';
import { alternatives, errorText } from './parts.js';
import { ScreenElement } from './screen-element.js';
import { screenStyles } from './screen.styles.js';

/**
 * Optional intake: "are you in danger now?" (yes shows emergency guidance at once), age band,
 * topics. Answering and skipping are equally prominent. Her answers stay in this element until
 * she goes on; they travel encrypted, to the counselor only. Dispatches {@link IntakeSubmitEvent}.
 * If starting fails (busy, timed out), she stays here with her answers, is told so next to the
 * buttons, and sees the phone and mail she can turn to instead.
 *
 * @csspart screen - the form
 */
export class TsunagariIntake extends ScreenElement {
  static override styles = [screenStyles, intakeStyles];

  @state() private ageBand: AgeBand | null = null;
  @state() private topics = new Set<Topic>();
  @state() private danger: DangerAnswer | null = null;
  /** Why the last start failed, if it did. */
  @property({ attribute: false }) error: ShownError | null = null;
  @property({ attribute: false }) alternatives: WidgetStatus['alternatives'] | undefined;

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<form class="screen" part="screen" @submit=${this.submit}>
      <h3 tabindex="-1" ?data-focus=${!this.error}>${t.intakeHeading}</h3>
      <p>${t.intakeIntro}</p>
      <fieldset>
        <legend>${t.dangerLabel}</legend>
        <div class="choices">
          ${DANGER_ANSWERS.map((d) => this.choice('radio', 'danger', t.danger[d], this.danger === d, () => (this.danger = d)))}
        </div>
      </fieldset>
      ${this.danger === 'yes'
        ? html`<div class="error" role="alert">
            <h4>${t.dangerHeading}</h4>
            <p>${t.dangerBody}</p>
            <ul class="plain">
              <li><a href="tel:110">${t.emergency110}</a></li>
              <li><a href="tel:119">${t.emergency119}</a></li>
            </ul>
          </div>`
        : nothing}
      <fieldset>
        <legend>${t.ageLabel}</legend>
        <div class="choices">
          ${AGE_BANDS.map((a) => this.choice('radio', 'age', t.ageBands[a], this.ageBand === a, () => (this.ageBand = a)))}
          ${this.choice('radio', 'age', t.ageNoAnswer, this.ageBand === null, () => (this.ageBand = null))}
        </div>
      </fieldset>
      <fieldset>
        <legend>${t.topicsLabel}</legend>
        <div class="choices">
          ${TOPICS.map((topic) => this.choice('checkbox', 'topic', t.topics[topic], this.topics.has(topic), (on) => this.toggle(topic, on)))}
        </div>
      </fieldset>
      ${this.error
        ? // Focus lands here, not on the heading, so that on a phone the screen scrolls to what went wrong.
          html`<div tabindex="-1" data-focus>${errorText(t, this.error)}${alternatives(t, this.alternatives, true)}</div>`
        : nothing}
      <div class="actions equal">
        <button type="submit">${t.intakeContinue}</button>
        <button type="button" @click=${this.skip}>${t.intakeSkip}</button>
      </div>
    </form>`;
  }

  private choice(type: 'radio' | 'checkbox', name: string, label: string, checked: boolean, change: (on: boolean) => void): TemplateResult {
    return html`<label class="choice"
      ><input type=${type} name=${name} .checked=${checked} @change=${(e: Event) => change((e.target as HTMLInputElement).checked)} />${label}</label
    >`;
  }

  private toggle(topic: Topic, on: boolean): void {
    const next = new Set(this.topics);
    if (on) next.add(topic);
    else next.delete(topic);
    this.topics = next;
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const intake: IntakeAnswers = {};
    if (this.ageBand) intake.ageBand = this.ageBand;
    if (this.topics.size > 0) intake.topics = TOPICS.filter((x) => this.topics.has(x));
    if (this.danger) intake.danger = this.danger;
    this.dispatchEvent(new IntakeSubmitEvent(intake, this.danger === 'yes'));
  }

  private skip(): void {
    this.dispatchEvent(new IntakeSubmitEvent(null, false));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tsunagari-intake': TsunagariIntake;
  }
}
