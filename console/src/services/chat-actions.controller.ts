import type { ConsultationRecordPayload, CounselorState, SealedEpochKey, StoredMessage } from '@tsunagari/shared';
import type { ChatCloseEvent } from '../events/chat-close.event.js';
import type { EndRequestEvent } from '../events/end-request.event.js';
import { endedText, ja } from '../i18n/ja.js';
import * as store from '../state/chats.js';
import type { FormResult, MessageDraft, TransferDraft } from '../state/form-requests.js';
import { nextCounselorSeq, sendingKey } from '../state/messages.js';
import { chatLabel as label, errorText, type WorkspaceContext, WorkspacePart } from './workspace-context.js';

/**
 * What she does to a chat from its panel: send, end, record, close, hand on. Holds what the
 * panel shows while one is under way (a chat's error line, which chat is ending or moving).
 * The forms' requests (send, record, transfer) answer with a {@link FormResult}; end and close come
 * as data-only events. All are arrow properties so the template can bind them as they are. It
 * handles no server push and has no lifecycle of its own, so it is a plain class rather than a
 * ReactiveController; it re-renders through `ctx.host`.
 */
export class ChatActionsController extends WorkspacePart {
  /** The error line under each chat, by consultation id ('' for none). */
  chatErrors: Readonly<Record<string, string>> = {};
  /** The chat whose end she asked for, until the server answers. */
  endingId: string | null = null;
  /** The chat being transferred, until the server answers. */
  transferringId: string | null = null;

  constructor(
    ctx: WorkspaceContext,
    /** The counselors a chat can be handed to (with their keys' identities). */
    private readonly counselors: () => readonly CounselorState[],
    /** This browser's clock: when she wrote a message is sealed inside it (the relay keeps only the order). */
    private readonly now: () => number = Date.now,
  ) {
    super(ctx);
  }

  /**
   * Encrypts and sends her message; ok once the server stored it. The composer calls this, and so
   * does a booked hand-off for its message to her, so seq and retries behave the same for both.
   */
  readonly send = async ({ consultationId: id, text }: MessageDraft): Promise<FormResult> => {
    const chat = store.findChat(this.model, id);
    const sending = chat && sendingKey(chat.keys);
    if (!chat || !sending || chat.ended) return { ok: false, error: errorText('INVALID_STATE') };
    // The newest epoch she holds: the one her widget sealed to her last.
    const { epoch, key } = sending;
    const seq = nextCounselorSeq(chat.messages, epoch, chat.reservedSeq);
    this.model = store.updateChat(this.model, id, (c) => ({ ...c, reservedSeq: { epoch, seq: Math.max(c.reservedSeq?.epoch === epoch ? c.reservedSeq.seq : 0, seq) } }));
    this.setChatError(id, '');
    let envelope;
    const writtenAt = new Date(this.now()).toISOString();
    try {
      envelope = this.ctx.crypto().sealText(key, id, epoch, seq, text, writtenAt);
    } catch {
      return this.refuse(id, errorText('CRYPTO'));
    }
    const res = await this.ctx.socket.request('message:send', envelope);
    if (!res.ok) {
      // Give the seq back so a retry re-sends the same one: the server treats it as idempotent,
      // which matters when the first attempt was stored but its ack was lost.
      this.model = store.updateChat(this.model, id, (c) => ({ ...c, reservedSeq: c.reservedSeq?.epoch === epoch && c.reservedSeq.seq === seq ? { epoch, seq: seq - 1 } : c.reservedSeq }));
      return this.refuse(id, errorText(res.error));
    }
    const stored: StoredMessage = { ...envelope, senderRole: 'counselor', ...res.data };
    this.model = store.updateChat(store.receiveMessages(this.model, id, [stored]), id, (c) => {
      // Hers, as she wrote it: the order check learns its seq, so a replayed copy is not shown.
      c.order.accept(stored);
      return { ...c, plain: new Map(c.plain).set(stored.id, { text, writtenAt }), orderNotice: c.order.notice() };
    });
    return { ok: true };
  };

  /** Ends the chat; one the server already ended is shown as ended too. */
  readonly onEnd = async (e: EndRequestEvent): Promise<void> => {
    const id = e.detail.consultationId;
    this.endingId = id;
    this.update();
    this.setChatError(id, '');
    const nuisance = e.detail.nuisance === true;
    const res = await this.ctx.socket.request(nuisance ? 'consultation:nuisance' : 'consultation:end', { consultationId: id });
    this.endingId = null;
    this.update();
    if (res.ok || res.error === 'INVALID_STATE') {
      const reason = nuisance ? 'nuisance' : 'ended';
      this.model = store.markEnded(this.model, id, res.ok ? { endedBy: 'counselor', reason } : { endedBy: null, reason: null });
      this.ctx.announce(ja.announce.ended(label(id), endedText(res.ok ? 'counselor' : null, res.ok ? reason : null)));
    } else {
      this.setChatError(id, errorText(res.error));
    }
  };

  /** Sends her case record; the chat then shows it as recorded. */
  readonly record = async (payload: ConsultationRecordPayload): Promise<FormResult> => {
    const res = await this.ctx.socket.request('consultation:record', payload);
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    const { topics, outcome, ageBand = null } = payload;
    this.model = store.markRecorded(this.model, payload.consultationId, { topics, outcome, ageBand, recordedAt: res.data.recordedAt });
    this.ctx.announce(ja.record.announce(label(payload.consultationId)));
    return { ok: true };
  };

  /** Closes an ended chat in this browser and forgets its key. */
  readonly onClose = (e: ChatCloseEvent): void => {
    const chat = store.findChat(this.model, e.detail.consultationId);
    for (const key of chat?.keys.values() ?? []) this.ctx.crypto().forget(key);
    this.model = store.closeChat(this.model, e.detail.consultationId);
  };

  /**
   * Hands a chat on. To a named counselor: her statement is verified (pinned organisation key,
   * role counselor, validity, revocations), then the key of every epoch held here is sealed to
   * her (her client may be offline; when it is online it starts a new epoch for her alone); a
   * refusal says why and seals nothing. The note is encrypted under the newest key, so only
   * whoever holds the keys next can read it. A refusal is also shown on the chat's error line,
   * where she looks for every failed action on it.
   */
  readonly transfer = async ({ consultationId: id, toStaffId, note }: TransferDraft): Promise<FormResult> => {
    const chat = store.findChat(this.model, id);
    const key = chat && sendingKey(chat.keys)?.key;
    if (!chat || !key || this.transferringId) return { ok: false, error: '' };
    const crypto = this.ctx.crypto();
    const session = this.ctx.session();
    this.setChatError(id, '');
    let sealedKeys: SealedEpochKey[] | undefined;
    if (toStaffId) {
      const receiver = this.counselors().find((c) => c.staffId === toStaffId);
      if (!receiver) return this.refuse(id, ja.transfer.badSignature);
      // Checked against the pinned organisation key and the revocation list; refused: nothing sealed.
      const verdict = crypto.sealKeysFor(chat.keys, receiver.identity, this.ctx.trust());
      if (!verdict.ok) return this.refuse(id, ja.transferRefused[verdict.reason]);
      sealedKeys = verdict.sealedKeys;
    }
    const sealedNote = note ? crypto.sealNote(key, id, session.staff.id, note) : undefined;
    this.transferringId = id;
    this.update();
    const res = await this.ctx.socket.request('consultation:transfer', {
      consultationId: id,
      ...(toStaffId ? { toStaffId } : {}),
      ...(sealedKeys ? { sealedKeys } : {}),
      ...(sealedNote ? { note: sealedNote } : {}),
    });
    this.transferringId = null;
    this.update();
    if (!res.ok) return this.refuse(id, errorText(res.error));
    for (const k of chat.keys.values()) crypto.forget(k);
    this.model = store.closeChat(this.model, id);
    this.ctx.announce(ja.transfer.done(label(id)));
    return { ok: true };
  };

  /** Shows why an action on a chat failed, and answers the form with the same sentence. */
  private refuse(id: string, error: string): FormResult {
    this.setChatError(id, error);
    return { ok: false, error };
  }

  private setChatError(id: string, message: string): void {
    this.chatErrors = { ...this.chatErrors, [id]: message };
    this.update();
  }
}
