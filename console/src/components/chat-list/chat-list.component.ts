import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ChatSelectEvent } from '../../events/chat-select.event.js';
import { ja } from '../../i18n/ja.js';
import { type ChatState, chatPhase, lastReply, recordedAt } from '../../state/chats.js';
import { formatWait, shortLabel, waitedMs } from '../../state/queue.js';
import { ClockController } from '../../services/clock.controller.js';
import { baseStyles } from '../../styles/shared.styles.js';
import { chatListStyles } from './chat-list.styles.js';

const phaseText = {
  keyPending: ja.mine.statusKeyPending,
  keyFailed: ja.mine.statusKeyPending,
  active: ja.mine.statusActive,
  ended: ja.mine.statusEnded,
} as const;

/**
 * Her chats, with status and unread counts (an ended one says whether it is recorded); the
 * selected one is marked `aria-current`.
 *
 * @fires tsg-chat-select
 */
export class TsgChatList extends LitElement {
  static override styles = [baseStyles, chatListStyles];

  @property({ attribute: false }) chats: readonly ChatState[] = [];
  @property() selectedId: string | null = null;
  /** The idle lock is on: a live chat says so rather than that its key is being exchanged. */
  @property({ type: Boolean }) locked = false;

  private readonly clock = new ClockController(this, 15_000);

  override render() {
    return html`
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">${ja.mine.heading}</h2>
        ${this.chats.length > 1 ? html`<p class="hint">${ja.mine.keyboardHint}</p>` : nothing}
        ${this.chats.length === 0
          ? html`<p class="empty">${ja.mine.empty}</p>`
          : html`<ul>
              ${repeat(
                this.chats,
                (c) => c.consultation.consultationId,
                (c, i) => this.renderChat(c, i),
              )}
            </ul>`}
      </section>
    `;
  }

  private renderChat(chat: ChatState, index: number) {
    const id = chat.consultation.consultationId;
    const phase = chatPhase(chat);
    const replied = lastReply(chat);
    return html`
      <li>
        <button
          type="button"
          aria-current=${this.selectedId === id ? 'true' : 'false'}
          @click=${() => this.dispatchEvent(new ChatSelectEvent({ consultationId: id }))}
        >
          ${chat.consultation.urgent ? html`<span class="badge-urgent">${ja.chat.urgent}</span>` : nothing}
          ${index < 9 ? html`<span class="key" aria-hidden="true">${index + 1}</span>` : nothing}
          <span class="label">${ja.chat.title(shortLabel(id))}</span>
          <span class="phase ${phase}">${this.locked && phase !== 'ended' ? ja.mine.statusLocked : chat.typing && phase === 'active' ? ja.mine.typing : phaseText[phase]}</span>
          ${phase === 'ended' ? html`<span class="since">${recordedAt(chat) ? ja.mine.recorded : ja.mine.notRecorded}</span>` : nothing}
          ${chat.unread > 0 ? html`<span class="unread">${ja.mine.unread(chat.unread)}</span>` : nothing}
          ${phase === 'ended'
            ? nothing
            : !replied
              ? html`<span class="since">${ja.mine.noReplyYet}</span>`
              : replied.at
                ? html`<span class="since">${ja.mine.sinceReply(formatWait(waitedMs(replied.at, this.clock.now)))}</span>`
                : nothing}
        </button>
      </li>
    `;
  }
}
