import type { Campaign, CampaignSavePayload } from '@tsunagari/shared';
import type { RequestResult } from '@tsunagari/shared/client';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { FlyerOpenEvent } from '../../events/flyer-open.event.js';
import { ja } from '../../i18n/ja.js';
import { errorText } from '../../services/workspace-context.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { staffAdminStyles } from '../staff-admin/staff-admin.styles.js';
import { campaignAdminStyles } from './campaign-admin.styles.js';
import { BusyFocusController } from '../../services/busy-focus.controller.js';

const t = ja.campaigns;
type Answer = Promise<RequestResult<{ campaigns: Campaign[] }>>;

/**
 * The admin's list of campaigns (きっかけ): the QR flyers and posters in use, each with the label
 * the report shows and whether it counts now. A start through a page whose name is not here (or
 * not active) still opens the chat, and is counted as 「一覧にないきっかけ」. Each campaign's flyer
 * (its QR code and the program's hours) opens from here.
 *
 * @fires tsg-flyer-open
 */
export class TsgCampaignAdmin extends LitElement {
  static override styles = [baseStyles, staffAdminStyles, campaignAdminStyles];

  /** Reads the list; the screen asks whenever it is shown. */
  @property({ attribute: false }) load: (() => Answer) | null = null;
  /** Adds a campaign or changes one. */
  @property({ attribute: false }) save: ((c: CampaignSavePayload) => Answer) | null = null;
  /** The console's config names the landing pages' address, so flyers can be made. */
  @property({ type: Boolean }) flyers = false;

  @state() private campaigns: readonly Campaign[] | null = null;
  @state() private error = '';
  @state() private done = '';
  @state() private busy = false;
  /** Gives her the focus back when the disabled button lost it while a request waited. */
  private readonly keepFocus = new BusyFocusController(this, () => this.busy);

  /** Reads the list again (the workspace calls it when the screen opens). */
  async reload(): Promise<void> {
    if (!this.load) return;
    this.apply(await this.load(), '');
  }

  override render() {
    return html`<section aria-labelledby="campaigns-heading">
      <h2 id="campaigns-heading">${t.heading}</h2>
      <p class="intro">${t.intro}</p>
      ${this.flyers ? nothing : html`<p class="intro">${t.noLanding}</p>`}
      <p class="error" role="alert">${this.error}</p>
      <p class="done" role="status">${this.done}</p>
      ${this.campaigns === null ? nothing : this.renderTable(this.campaigns)}
      <form @submit=${this.onAdd} aria-labelledby="campaign-add-heading">
        <h3 id="campaign-add-heading" class="sr-only">${t.add}</h3>
        <label>${t.name}<input type="text" name="name" required pattern="[a-z0-9\\-]{1,32}" autocomplete="off" aria-describedby="campaign-name-hint" /></label>
        <label>${t.label}<input type="text" name="label" required maxlength="40" autocomplete="off" /></label>
        <button class="btn-primary" type="submit" ?disabled=${this.busy}>${t.add}</button>
        <p class="intro" id="campaign-name-hint">${t.nameHint}</p>
      </form>
    </section>`;
  }

  private renderTable(list: readonly Campaign[]) {
    if (list.length === 0) return html`<p class="intro">${t.empty}</p>`;
    return html`<div class="table-wrap"><table>
      <caption class="sr-only">${t.heading}</caption>
      <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.label}</th><th scope="col">${t.active}</th>${this.flyers ? html`<th scope="col">${t.flyer}</th>` : nothing}</tr></thead>
      <tbody>
        ${repeat(list, (c) => c.name, (c) => html`<tr>
          <th scope="row"><code>/c/${c.name}</code></th>
          <td>${c.label}</td>
          <td><label><input type="checkbox" .checked=${c.active} ?disabled=${this.busy}
            @change=${(e: Event) => void this.put({ name: c.name, label: c.label, active: (e.target as HTMLInputElement).checked })} />
            <span class="sr-only">${t.activeFor(c.name)}</span>${c.active ? t.on : t.off}</label></td>
          ${this.flyers
            ? // Sent from the button itself (composed), so focus can return to it when the flyer closes.
              html`<td><button class="btn-secondary" type="button" aria-label=${t.makeFlyerFor(c.label)}
                @click=${(e: Event) => (e.currentTarget as HTMLElement).dispatchEvent(new FlyerOpenEvent(c.name, c.label))}>${t.makeFlyer}</button></td>`
            : nothing}
        </tr>`)}
      </tbody>
    </table></div>`;
  }

  private readonly onAdd = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const ok = await this.put({ name: String(data.get('name') ?? '').trim(), label: String(data.get('label') ?? '').trim(), active: true });
    if (ok) form.reset();
  };

  private async put(c: CampaignSavePayload): Promise<boolean> {
    if (!this.save) return false;
    this.busy = true;
    const ok = this.apply(await this.save(c), t.saved(c.name));
    this.busy = false;
    return ok;
  }

  private apply(res: RequestResult<{ campaigns: Campaign[] }>, done: string): boolean {
    this.done = res.ok ? done : '';
    this.error = res.ok ? '' : errorText(res.error);
    if (res.ok) this.campaigns = res.data.campaigns;
    return res.ok;
  }
}
