import type { ConsultationEnded, KeyGranted, StaffConsultation, StoredMessage, TypingChanged } from '@tsunagari/shared';
import { askAgain, historyAfter, intakeOf, lastId, NewestAsk, TypingExpiry } from '@tsunagari/shared/client';
import type { ReactiveController } from 'lit';
import type { ChatSelectEvent } from '../events/chat-select.event.js';
import type { TypingEvent } from '../events/typing.event.js';
import { endedText, ja } from '../i18n/ja.js';
import { formatClock } from '../state/queue.js';
import { messageText } from '../i18n/message-text.js';
import * as store from '../state/chats.js';
import { decryptNew, mergeSealedKeys } from '../state/messages.js';
import { chatLabel as label, type WorkspaceContext, WorkspacePart } from './workspace-context.js';

/** How her chats reach the main area: the workspace owns the view and the chat panel. */
export interface ChatViewHooks {
  /** Shows the chats (rather than 予約) in the main area. */
  showMain(): void;
  /** Moves focus to the shown chat's heading once the host has rendered it. */
  focusPanel(): Promise<void>;
}

/**
 * Keeps her chats in step with the server: loads their history, opens their keys (one per key
 * epoch) and decrypts each message with the key of its epoch, checks the order of what arrives
 * (a gap or a repeat of the client's messages is noticed calmly in the chat; a repeat is not shown
 * twice), tells the server what she has read, and applies the pushes it subscribes to (messages,
 * keys, endings, typing, chats released to someone else).
 */
export class ChatSyncController extends WorkspacePart implements ReactiveController {
  /** Her "typing" line, taken down again if her "stopped" never comes. */
  private readonly typingExpiry = new TypingExpiry((id) => this.showClientTyping(id, false));
  /** An older load of her chats stops (and is not applied) when a reconnect starts a new one. */
  private readonly mineLoads = new NewestAsk();
  /** Chats whose gap is being asked for (one ask at a time each). */
  private readonly filling = new Set<string>();

  constructor(
    ctx: WorkspaceContext,
    private readonly view: ChatViewHooks,
  ) {
    super(ctx);
    ctx.host.addController(this);
    ctx.socket.listen(ctx.host, {
      'key:granted': (p) => this.keyGranted(p),
      'message:new': (m) => this.message(m),
      'consultation:ended': (p) => this.ended(p),
      'typing:changed': (p) => this.typing(p),
      'consultation:released': (p) => this.released(p.consultationId),
      'consultation:moved': (p) => this.clientNotice(p.consultationId, ja.chat.clientMoved),
      'consultation:client-away': (p) => this.clientNotice(p.consultationId, p.away && p.endsAt ? ja.chat.clientAway(formatClock(p.endsAt)) : ja.chat.clientBack),
    });
  }

  hostDisconnected(): void {
    this.typingExpiry.clear();
  }

  /** After a (re)connect: the chats the server says are hers, each loaded and its key opened. */
  async loadMine(): Promise<void> {
    // Asked again while the relay does not answer: her open chats must not stay missing after a
    // slow reconnect. A later reconnect's call supersedes this one.
    const stillWanted = this.mineLoads.next();
    const mine = await askAgain(() => this.ctx.socket.request('consultation:mine', {}), { stillWanted });
    if (!mine.ok || !stillWanted()) return;
    this.model = store.applyMine(this.model, mine.data.consultations);
    const ids = store.chatsToLoad(this.model);
    for (const id of ids) this.openKey(id);
    // One chat's history after another: pages of several chats at once could pile up past the
    // relay's outbound cap on a slow line, and it would drop her connection.
    void (async () => {
      for (const id of ids) await this.loadHistory(id);
    })();
  }

  /**
   * Fetches messages after `from` (by default the last one held: all of them the first time), a
   * page at a time until none are left ({@link historyAfter}); gives up if the chat is closed meanwhile.
   */
  private async loadHistory(id: string, from?: number): Promise<void> {
    const chat = store.findChat(this.model, id);
    if (!chat) return;
    const ended = await historyAfter(
      from ?? lastId(chat.messages),
      (afterId) => (store.findChat(this.model, id) ? this.ctx.socket.request('message:list', { consultationId: id, afterId }) : Promise.resolve(null)),
      (messages) => (this.model = store.receiveMessages(this.model, id, messages)),
    );
    if (ended !== 'done') return;
    this.model = store.updateChat(this.model, id, (c) => ({ ...c, historyLoaded: true }));
    this.decrypt(id);
    if (id === this.model.selectedId) this.markRead(id);
  }

  /**
   * Her message came past a gap: what she sent between was stored, but its push never reached this
   * console (a relay node that stored it and died before relaying it, say). Asked for once, after
   * what was held before; what a relay withholds stays missing, and the chat keeps saying so.
   */
  private fillGap(id: string, heldUpTo: number): void {
    const chat = store.findChat(this.model, id);
    if (!chat?.historyLoaded || !chat.orderNotice.missing || this.filling.has(id)) return;
    this.filling.add(id);
    void this.loadHistory(id, heldUpTo).finally(() => this.filling.delete(id));
  }

  /** Tells the server she has read this chat up to its newest message (kept across reloads). */
  private markRead(id: string): void {
    const { state, lastReadId } = store.markRead(this.model, id);
    this.model = state;
    if (lastReadId !== null) void this.ctx.socket.request('consultation:read', { consultationId: id, lastReadId });
  }

  /** Shows one of her chats (from the list or a shortcut); `focus` moves focus to its heading. */
  async select(id: string, focus = false): Promise<void> {
    this.model = store.selectChat(this.model, id);
    this.view.showMain();
    this.markRead(id);
    if (!focus) return;
    await this.view.focusPanel();
  }

  /** The chat list's pick. */
  readonly onSelect = (e: ChatSelectEvent): void => {
    void this.select(e.detail.consultationId);
  };

  /**
   * The idle lock: every session key zeroed and every decrypted text dropped. Her chats stay
   * listed; what arrives while locked is kept as ciphertext until {@link reopen}.
   */
  lock(): void {
    for (const chat of this.model.chats) this.forgetKeys(chat);
    this.model = store.lockChats(this.model);
    this.typingExpiry.clear();
  }

  /** Unlocked again: open every chat's key with her keys and decrypt what is held. */
  reopen(): void {
    for (const chat of this.model.chats) this.openKey(chat.consultation.consultationId);
  }

  /**
   * Opens the epochs' sealed keys that have come and are not open yet (never while locked: her
   * keys are wiped). A key that does not open is left out; if it is the newest, the chat says so
   * rather than show nothing.
   */
  private openKey(id: string): void {
    const chat = store.findChat(this.model, id);
    if (!chat || this.ctx.locked()) return;
    const sealed = chat.consultation.sealedKeys.filter((k) => !chat.keys.has(k.keyEpoch));
    const newest = chat.consultation.sealedKeys.at(-1)?.keyEpoch;
    if (sealed.length === 0) return;
    const keys = new Map(chat.keys);
    for (const { keyEpoch, sealedKey } of sealed) {
      try {
        keys.set(keyEpoch, this.ctx.crypto().openSessionKey(sealedKey));
      } catch {
        // Sealed to someone else, or altered on the way: its messages show as unreadable.
      }
    }
    const keyFailed = newest !== undefined && !keys.has(newest);
    this.model = store.updateChat(this.model, id, (c) => ({ ...c, keys, keyFailed }));
    this.decrypt(id);
    if (chat.keys.size === 0 && keys.size > 0) this.ctx.announce(ja.announce.keyReady(label(id)));
  }

  private decrypt(id: string): void {
    const crypto = this.ctx.crypto();
    this.model = store.updateChat(this.model, id, (c) => {
      if (c.keys.size === 0) return c;
      const notes = c.consultation.handover ?? [];
      const handover =
        c.handover.length === notes.length
          ? c.handover
          : notes.map((n) => ({ fromName: n.fromName, createdAt: n.createdAt, text: crypto.openNote([...c.keys.values()], id, n) }));
      let intake = c.intake;
      const { messages, plain, dropped } = decryptNew(c, (epoch) => c.keys.has(epoch), (m) => {
        const body = crypto.openBody(c.keys.get(m.keyEpoch) as Uint8Array, id, m);
        // Only her own message can carry her answers (the record form starts from her topics);
        // a counselor-side intake would be forged.
        if (m.senderRole === 'client') intake = intakeOf(body) ?? intake;
        return { text: messageText(body), writtenAt: body.writtenAt ?? null };
      });
      // A replayed copy of hers was counted as unread when it came: it is not shown, so not unread either.
      const unread = Math.max(0, c.unread - dropped.filter((m) => m.senderRole === 'client' && m.id > c.lastReadId).length);
      return { ...c, handover, messages, plain, intake, unread, orderNotice: c.order.notice() };
    });
  }

  /** A chat is hers now (taken, accepted or transferred to her): show it, open its key, load it. */
  async started(c: StaffConsultation, select = true): Promise<void> {
    const id = c.consultationId;
    this.model = store.upsertConsultation(this.model, c);
    if (select) {
      this.model = store.selectChat(this.model, id);
      this.view.showMain();
    }
    this.ctx.announce(ja.announce.taken(label(id)));
    this.openKey(id);
    void this.loadHistory(id);
    if (!select) return;
    await this.view.focusPanel();
  }

  private showClientTyping(consultationId: string, typing: boolean): void {
    this.typingExpiry.seen(consultationId, typing);
    this.model = store.updateChat(this.model, consultationId, (c) => ({ ...c, typing }));
  }

  /** Pushed: someone in a chat started or stopped typing (only the client's is shown). */
  private typing({ consultationId, role, typing }: TypingChanged): void {
    if (role === 'client') this.showClientTyping(consultationId, typing);
  }

  /** Her own typing, passed on to the client's widget. */
  readonly onTypingInput = (e: TypingEvent): void => {
    void this.ctx.socket.request('typing:set', e.detail);
  };

  /** Pushed: session keys sealed to her have come (a new epoch, and the older ones for the history). */
  private keyGranted({ consultationId, sealedKeys }: KeyGranted): void {
    this.model = store.updateChat(this.model, consultationId, (c) => ({
      ...c,
      consultation: { ...c.consultation, sealedKeys: mergeSealedKeys(c.consultation.sealedKeys, sealedKeys) },
    }));
    this.openKey(consultationId);
  }

  /** Pushed: a new message in one of her chats. */
  private message(m: StoredMessage): void {
    const id = m.consultationId;
    const held = store.findChat(this.model, id);
    if (!held) return;
    const heldUpTo = lastId(held.messages);
    this.model = store.receiveMessages(this.model, id, [m]);
    this.decrypt(id);
    if (m.id > heldUpTo) this.fillGap(id, heldUpTo);
    if (m.senderRole === 'client') this.showClientTyping(id, false);
    if (id === this.model.selectedId) this.markRead(id);
    const text = store.findChat(this.model, id)?.plain.get(m.id)?.text;
    // A repeat was taken out (the chat's notice says so), and no new message is announced for it.
    if (m.senderRole !== 'client' || !store.findChat(this.model, id)?.messages.includes(m)) return;
    this.ctx.announce(
      id === this.model.selectedId && typeof text === 'string'
        ? ja.announce.newMessage(label(id), text)
        : ja.announce.newMessageOther(label(id)),
    );
  }

  /** Pushed: one of her chats ended (the client left, or the server closed it). */
  private ended({ consultationId, endedBy, reason }: ConsultationEnded): void {
    if (!store.findChat(this.model, consultationId)) return;
    this.model = store.markEnded(this.model, consultationId, { endedBy, reason });
    this.ctx.announce(ja.announce.ended(label(consultationId), endedText(endedBy, reason)));
  }

  /** Pushed: news of her connection (another device, gone, back): shown in the chat and announced. */
  private clientNotice(id: string, text: string): void {
    if (!store.findChat(this.model, id)) return;
    this.model = store.updateChat(this.model, id, (c) => ({ ...c, clientNotice: text }));
    this.ctx.announce(ja.announce.client(label(id), text));
  }

  /** Pushed: the server took a chat off her list: forget its key and close it. */
  private released(id: string): void {
    if (!store.findChat(this.model, id)) return;
    const chat = store.findChat(this.model, id);
    if (chat) this.forgetKeys(chat);
    this.model = store.closeChat(this.model, id);
    this.ctx.announce(ja.transfer.released(label(id)));
  }

  /** Zeroes every epoch's key of a chat (she no longer holds it, or the console locks). */
  private forgetKeys(chat: store.ChatState): void {
    for (const key of chat.keys.values()) this.ctx.crypto().forget(key);
  }
}
