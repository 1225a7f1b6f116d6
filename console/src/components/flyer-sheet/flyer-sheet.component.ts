import type { OpeningHoursConfig } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { jaFlyer } from '../../i18n/ja-flyer.js';
import { FlyerCloseEvent } from '../../events/flyer-close.event.js';
import { FlyerSizeEvent } from '../../events/flyer-size.event.js';
import { closedLines, type FlyerLines, type FlyerSize, hoursLines } from '../../state/flyer.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { flyerSheetStyles } from './flyer-sheet.styles.js';

const t = jaFlyer;
const c = jaFlyer.controls;

/**
 * One campaign's flyer, as it will print: the program's name, the QR code of the campaign's
 * landing page, the hours, the other ways to reach the program, and how to stay safe, each line
 * in Japanese, やさしい日本語 and English. On screen it is a dialog with the size, print and
 * close (Escape too, flyer-print.ts); on paper only the page (flyer-print.ts sets `@page` and
 * hides the rest of the console).
 *
 * @fires tsg-flyer-close
 * @fires tsg-flyer-size
 */
export class TsgFlyerSheet extends LitElement {
  static override styles = [baseStyles, flyerSheetStyles];

  @property() campaignLabel = '';
  /** The address the QR code opens (the landing page of this campaign). */
  @property() url = '';
  /** The QR code as an SVG document (qrcode's output). */
  @property() qrSvg = '';
  @property() size: FlyerSize = 'A6';
  @property({ attribute: false }) hours: OpeningHoursConfig = { mode: 'always' };
  @property({ attribute: false }) contacts: { phone: string; mail: string } = { phone: '', mail: '' };

  @query('h2#flyer-heading') private heading?: HTMLElement;

  /** Moves focus into the dialog (its heading), as it opens. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.heading?.focus();
  }

  override render() {
    return html`<div class="dialog" role="dialog" aria-modal="true" aria-labelledby="flyer-heading">
      <div class="controls">
        <h2 id="flyer-heading" tabindex="-1">${c.dialog(this.campaignLabel)}</h2>
        <fieldset>
          <legend>${c.size}</legend>
          ${(['A6', 'A4'] as const).map(
            (s) => html`<label><input type="radio" name="size" value=${s} .checked=${this.size === s} @change=${() => this.dispatchEvent(new FlyerSizeEvent(s))} />${s}</label>`,
          )}
        </fieldset>
        <button class="btn-primary" type="button" @click=${() => window.print()}>${c.print}</button>
        <button class="btn-secondary" type="button" @click=${() => this.dispatchEvent(new FlyerCloseEvent())}>${c.close}</button>
        <p class="hint">${c.hint}</p>
      </div>
      ${this.renderPage()}
    </div>`;
  }

  private renderPage() {
    const closed = closedLines(this.hours);
    const phone = this.contacts.phone.trim();
    const mail = this.contacts.mail.trim();
    return html`<article class="page ${this.size.toLowerCase()}" data-size=${this.size} lang="ja">
      <header>
        <h3 class="title">${t.title}</h3>
        ${this.lines(t.lead, 'lead')}
      </header>
      <section class="qr-row">
        <img class="qr" src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(this.qrSvg)}`} alt=${c.qrAlt(this.url)} />
        <div>
          ${this.lines(t.scan, 'scan')}
          <p class="url">${this.url}</p>
        </div>
      </section>
      <section>
        ${this.heading3(t.hoursHeading)} ${this.lines(hoursLines(this.hours), 'hours')} ${closed ? this.lines(closed, 'closed') : nothing}
      </section>
      <section>
        ${this.heading3(t.otherWays)}
        <ul class="ways">
          ${phone ? html`<li><span class="way">${this.slash(t.phone)}</span> <strong>${phone}</strong></li>` : nothing}
          ${mail ? html`<li><span class="way">${this.slash(t.mail)}</span> <strong>${mail}</strong></li>` : nothing}
          <li>${this.lines(t.booked, 'booked')}</li>
        </ul>
      </section>
      <section class="safety">
        ${this.heading3(t.safetyHeading)}
        <ul>
          ${t.safety.map((l) => html`<li>${this.lines(l, 'safe')}</li>`)}
        </ul>
      </section>
    </article>`;
  }

  /** One thing said three ways: Japanese first and strongest, then やさしい日本語, then English. */
  private lines(l: FlyerLines, kind: string) {
    return html`<p class="ja ${kind}">${l.ja}</p>
      <p class="easy ${kind}">${l.easy}</p>
      <p class="en ${kind}" lang="en">${l.en}</p>`;
  }

  private heading3(l: FlyerLines) {
    return html`<h4>${l.ja} <span class="h-other">${l.easy} / <span lang="en">${l.en}</span></span></h4>`;
  }

  private slash(l: FlyerLines) {
    return html`${l.ja}${l.easy === l.ja ? '' : ` / ${l.easy}`} / <span lang="en">${l.en}</span>`;
  }
}
