import type { QueueEntry } from '@tsunagari/shared';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { TakeRequestEvent } from '../../events/take-request.event.js';
import { ja } from '../../i18n/ja.js';
import { formatWait, shortLabel, sortQueue, waitedMs } from '../../state/queue.js';
import { ClockController } from '../../services/clock.controller.js';
import { RowFocusController } from '../../services/row-focus.controller.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { queueListStyles } from './queue-list.styles.js';

/** How often wait times are redrawn; minutes are the unit shown. */
const TICK_MS = 15_000;

/**
 * The waiting queue, urgent first, each with its wait time and a 「対応する」 button.
 *
 * @fires tsg-take-request
 */
export class TsgQueueList extends LitElement {
  static override styles = [baseStyles, queueListStyles];

  /** The queue as the server last pushed it. */
  @property({ attribute: false }) entries: readonly QueueEntry[] = [];
  /** Only counselors take consultations; supervisors and admins see the queue only. */
  @property({ type: Boolean }) canTake = true;
  /** The consultation being taken now, if any: its button shows progress. */
  @property() takingId: string | null = null;
  /** A kind sentence about the last take that failed. */
  @property() notice = '';

  private readonly clock = new ClockController(this, TICK_MS);
  /**
   * Her keyboard after a take: a refusal gives her 「対応する」 back; when the entry left the queue
   * (taken, by her or by someone quicker) the next entry's button, or the heading (which says how
   * many wait) when none is left. A take that opens her chat moves the focus there itself.
   */
  private readonly rowFocus = new RowFocusController(this, {
    busy: () => this.takingId !== null,
    empty: () => this.renderRoot.querySelector<HTMLElement>('#queue-heading'),
  });

  override render() {
    const entries = sortQueue(this.entries);
    return html`
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading" tabindex="-1">${ja.queue.heading}<span class="count">${ja.queue.count(entries.length)}</span></h2>
        <p class="error" role="alert">${this.notice}</p>
        ${this.canTake ? nothing : html`<p class="info">${ja.queue.notCounselor}</p>`}
        ${entries.length === 0
          ? html`<p class="empty">${ja.queue.empty}</p>`
          : html`<ul>
              ${repeat(entries, (e) => e.consultationId, (e) => this.renderEntry(e))}
            </ul>`}
      </section>
    `;
  }

  private renderEntry(e: QueueEntry) {
    const id = `q-${e.consultationId}`;
    const taking = this.takingId === e.consultationId;
    return html`
      <li class=${e.urgent ? 'urgent' : ''}>
        <div class="meta">
          <p class="title" id="${id}-title">
            ${e.urgent ? html`<span class="badge-urgent" title=${ja.queue.urgentLong}>${ja.queue.urgent}</span> ` : nothing}
            <span class="label">${ja.chat.title(shortLabel(e.consultationId))}</span>
          </p>
          <p class="sub" id="${id}-sub">
            ${ja.queue.waited(formatWait(waitedMs(e.queuedAt, this.clock.now)))}・${ja.queue.position(e.position)}・${ja.queue.campaign(e.campaign)}
          </p>
        </div>
        ${this.canTake
          ? html`<button
              class="btn-primary"
              type="button"
              aria-describedby="${id}-title ${id}-sub"
              data-row=${e.consultationId}
              ?disabled=${this.takingId !== null}
              @click=${() => this.dispatchEvent(new TakeRequestEvent({ consultationId: e.consultationId }))}
            >
              ${taking ? ja.queue.taking : ja.queue.take}
            </button>`
          : nothing}
      </li>
    `;
  }
}
