import type { CounselorState } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { CapacityChangeEvent } from '../../events/capacity-change.event.js';
import { OfferAcceptEvent } from '../../events/offer-accept.event.js';
import { StatusChangeEvent } from '../../events/status-change.event.js';
import { ja } from '../../i18n/ja.js';
import type { OfferState } from '../../state/chats.js';
import { shortLabel } from '../../state/queue.js';
import { ClockController } from '../../services/clock.controller.js';
import { RowFocusController } from '../../services/row-focus.controller.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { routingPanelStyles } from './routing-panel.styles.js';

/**
 * Routing controls. A counselor sees her status (受付可 / 離席中), her load against her capacity,
 * and the offers made to her with a countdown. Supervisors and admins see every counselor and
 * can change capacities.
 *
 * @fires tsg-status-change
 * @fires tsg-offer-accept
 * @fires tsg-capacity-change
 */
export class TsgRoutingPanel extends LitElement {
  static override styles = [baseStyles, routingPanelStyles];

  /** True for counselors: status control and offers. */
  @property({ type: Boolean }) counselor = true;
  @property({ attribute: false }) me: CounselorState | null = null;
  @property({ attribute: false }) offers: readonly OfferState[] = [];
  @property({ attribute: false }) counselors: readonly CounselorState[] = [];
  @property() acceptingId: string | null = null;
  /** The status she chose, while the server has not answered yet: shown as chosen meanwhile. */
  @property() pendingStatus: 'available' | 'away' | null = null;
  @property() error = '';

  private readonly clock = new ClockController(this, 1000, () => this.offers.length > 0);
  /**
   * Her keyboard when an offer goes: accepted (the chat, opening, moves the focus there itself),
   * refused or withdrawn (its time ran out) — the next offer's 「引き受ける」, or, with none left,
   * her own status (the refusal is read out beside it), not the top of the page.
   */
  private readonly rowFocus = new RowFocusController(this, {
    busy: () => this.acceptingId !== null,
    empty: () => this.renderRoot.querySelector<HTMLElement>('input[name="status"]:checked'),
  });

  override render() {
    return this.counselor ? html`${this.renderStatus()}${this.renderOffers()}` : this.renderCounselors();
  }

  private renderStatus() {
    const me = this.me;
    // Her choice stays chosen while it is on its way: re-drawn from the server's list alone, the
    // radio she pressed went back to the old status until the answer came (for a second or two on
    // a busy relay; a screen reader read out the old one).
    const status = this.pendingStatus ?? (me?.status === 'available' ? 'available' : 'away');
    // Until the server has told her own status (the list comes once the socket is up), there is
    // nothing to change yet: a choice made then could not be sent. `live`: after a refused change
    // the radios go back to what the server holds, though the bound value did not change.
    return html`
      <fieldset ?disabled=${!me}>
        <legend>${ja.status.heading}</legend>
        <div class="choices">
          ${(['available', 'away'] as const).map(
            (s) => html`<label
              ><input
                type="radio"
                name="status"
                value=${s}
                .checked=${live(status === s)}
                @change=${() => this.dispatchEvent(new StatusChangeEvent({ status: s }))}
              />${ja.status[s]}</label
            >`,
          )}
        </div>
        ${me ? html`<p class="load">${ja.status.load(me.load, me.capacity)}</p>` : nothing}
        <p class="error" role="alert">${this.error}</p>
      </fieldset>
    `;
  }

  private renderOffers() {
    if (this.offers.length === 0) return nothing;
    return html`
      <section class="offers" aria-labelledby="offers-heading">
        <h2 id="offers-heading">${ja.offers.heading}</h2>
        <p class="intro">${ja.offers.intro}</p>
        <ul>
          ${repeat(this.offers, (o) => o.consultationId, (o) => {
            const label = ja.chat.title(shortLabel(o.consultationId));
            const left = Math.max(0, Math.ceil((new Date(o.expiresAt).getTime() - this.clock.now) / 1000));
            return html`<li class="offer ${o.urgent ? 'urgent' : ''}">
              <p>
                ${o.urgent ? html`<span class="badge-urgent">${ja.queue.urgent}</span> ` : nothing}
                ${o.requeued ? html`<strong>${ja.offers.requeued}</strong> ` : nothing}<strong>${label}</strong>
              </p>
              <p class="meta">${ja.offers.expires(left)}</p>
              <button
                class="btn-primary"
                type="button"
                aria-label=${ja.offers.label(label)}
                data-row=${o.consultationId}
                ?disabled=${this.acceptingId !== null}
                @click=${() => this.dispatchEvent(new OfferAcceptEvent({ consultationId: o.consultationId }))}
              >
                ${this.acceptingId === o.consultationId ? ja.offers.accepting : ja.offers.accept}
              </button>
            </li>`;
          })}
        </ul>
      </section>
    `;
  }

  private renderCounselors() {
    return html`
      <section class="counselors" aria-labelledby="counselors-heading">
        <h2 id="counselors-heading">${ja.counselors.heading}</h2>
        <ul>
          ${repeat(this.counselors, (c) => c.staffId, (c) => html`<li>
            <span class="name">${c.displayName}</span><span>${ja.status[c.status]}</span>
            <p class="sub">${ja.status.load(c.load, c.capacity)}</p>
            <form @submit=${(e: SubmitEvent) => this.onCapacity(e, c.staffId)}>
              <label for="cap-${c.staffId}">${ja.counselors.capacity}</label>
              <input id="cap-${c.staffId}" name="capacity" type="number" min="1" max="10" .value=${String(c.capacity)} />
              <button class="btn-secondary" type="submit">${ja.counselors.save}</button>
            </form>
          </li>`)}
        </ul>
        <p class="error" role="alert">${this.error}</p>
      </section>
    `;
  }

  private onCapacity(e: SubmitEvent, staffId: string): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('capacity') as HTMLInputElement;
    const capacity = Number(input.value);
    if (Number.isInteger(capacity) && capacity >= 1 && capacity <= 10) this.dispatchEvent(new CapacityChangeEvent({ staffId, capacity }));
  }
}
