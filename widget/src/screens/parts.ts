import type { WidgetStatus } from '@tsunagari/shared';
import { html, nothing, type TemplateResult } from 'lit';
import type { ShownError } from '../consultation/view.js';
import type { Catalogue, FirstScreenText } from '../i18n/index.js';

/**
 * Pieces several screens show: the safety notice, phone and mail alternatives, and an error
 * line. Plain templates (not elements): they render inside whichever screen uses them.
 */

/**
 * How to leave quickly, with the exit button's name kept on one line: Japanese lines break
 * between phrases (`word-break: auto-phrase`), which would split 「すぐに／閉じる」.
 */
export function exitTip(t: FirstScreenText): TemplateResult {
  const [before, ...after] = t.safetyExit.split(t.exit);
  return after.length === 0 ? html`<p>${t.safetyExit}</p>` : html`<p>${before}<span class="nobr">${t.exit}</span>${after.join(t.exit)}</p>`;
}

/** The emergency numbers. */
export function emergencyNumbers(t: FirstScreenText): TemplateResult {
  return html`<h4>${t.safetyEmergencyHeading}</h4>
    <ul class="plain">
      <li><a href="tel:110">${t.emergency110}</a></li>
      <li><a href="tel:119">${t.emergency119}</a></li>
      <li><a href="tel:%238008">${t.emergency8008}</a></li>
    </ul>`;
}

/** How to leave quickly, that history stays, and the emergency numbers. */
export function safetyInfo(t: FirstScreenText): TemplateResult {
  return html`<div class="safety">
    ${exitTip(t)}
    <p>${t.safetyHistory}</p>
    ${emergencyNumbers(t)}
  </div>`;
}

/** Mail and phone, with the note that calls show up in call history and bills. */
export function alternatives(t: FirstScreenText, alt: WidgetStatus['alternatives'] | undefined, withHeading: boolean): TemplateResult | typeof nothing {
  if (!alt) return nothing;
  return html`<div class="alternatives">
    ${withHeading ? html`<h4>${t.alternativesHeading}</h4>` : nothing}
    <ul class="plain">
      <li><a href="mailto:${alt.mail}">${t.altMail(alt.mail)}</a></li>
      <li><a href="tel:${alt.phone.replace(/[^0-9+]/g, '')}">${t.altPhone(alt.phone)}</a></li>
    </ul>
    <p class="note">${t.altCallNote}</p>
  </div>`;
}

/** One error line (an alert), or nothing. Outside hours has a screen of its own. */
export function errorText(t: Catalogue, error: ShownError | null): TemplateResult | typeof nothing {
  if (!error || error === 'OUTSIDE_HOURS') return nothing;
  const text =
    error === 'RESUME_INVALID'
      ? t.resumeInvalid
      : error === 'RESUME_NOT_FOUND'
        ? t.resumeNotFound
        : error === 'NOT_CONFIGURED'
          ? t.notConfigured
          : (t.errors[error as keyof Catalogue['errors']] ?? t.errors.generic);
  return html`<p class="error" role="alert">${text}</p>`;
}
