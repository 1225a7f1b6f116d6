import type {
  Appointment,
  ConsultationEnded,
  CounselorState,
  KeyGranted,
  QueueEntry,
  QueueOffer,
  StaffConsultation,
  StaffSession,
  StoredMessage,
  TodayFigures,
  TypingChanged,
} from '@tsunagari/shared';
import { html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { AppointmentStatusEvent } from '../../events/appointment-status.event.js';
import type { ChatCloseEvent } from '../../events/chat-close.event.js';
import type { ChatSelectEvent } from '../../events/chat-select.event.js';
import type { EndRequestEvent } from '../../events/end-request.event.js';
import type { HandoffRequestEvent } from '../../events/handoff-request.event.js';
import { LogoutRequestEvent } from '../../events/logout-request.event.js';
import { MessageSendEvent } from '../../events/message-send.event.js';
import type {
  CapacityChangeEvent,
  OfferAcceptEvent,
  StatusChangeEvent,
  TransferRequestEvent,
  TypingEvent,
} from '../../events/routing.events.js';
import type { RecordRequestEvent } from '../../events/record-request.event.js';
import type { TakeRequestEvent } from '../../events/take-request.event.js';
import type { ViewChangeEvent, WorkspaceView } from '../../events/view-change.event.js';
import { endedText, ja } from '../../i18n/ja.js';
import type { StaffCrypto } from '../../services/staff-crypto.js';
import { type RequestError, StaffSocketController } from '../../services/staff-socket.controller.js';
import { handoffMessage, spacedCode, upsertAppointment } from '../../state/appointments.js';
import * as store from '../../state/chats.js';
import { decryptMissing, lastMessageId, nextCounselorSeq } from '../../state/messages.js';
import { addedEntries, shortLabel } from '../../state/queue.js';
import { TypingExpiry } from '../../state/typing-expiry.js';
import { baseStyles } from '../../styles/shared.styles.js';
import '../app-header/app-header.js';
import '../appointment-list/appointment-list.js';
import '../chat-list/chat-list.js';
import type { TsgChatPanel } from '../chat-panel/chat-panel.component.js';
import '../chat-panel/chat-panel.js';
import '../queue-list/queue-list.js';
import '../routing-panel/routing-panel.js';
import '../today-board/today-board.js';
import '../view-switch/view-switch.js';
import '../year-report/year-report.js';
import { playOfferCue } from '../../services/offer-cue.js';
import { fetchProgramPhone } from '../../services/program-phone.js';
import { staffWorkspaceStyles } from './staff-workspace.styles.js';

const errorText = (code: RequestError | 'CRYPTO'): string => ja.errors[code];
const label = (id: string): string => ja.chat.title(shortLabel(id));

/**
 * Everything after login: the socket, the queue, her chats and the selected chat. State lives in
 * one immutable {@link store.ConsoleState} changed only through the store's pure functions; this
 * element wires socket pushes and UI events to them and does the crypto in between.
 *
 * @fires tsg-logout-request
 */
export class TsgStaffWorkspace extends LitElement {
  static override styles = [baseStyles, staffWorkspaceStyles];

  @property({ attribute: false }) session!: StaffSession;
  @property({ attribute: false }) crypto!: StaffCrypto;
  @property({ type: Boolean }) loggingOut = false;

  @state() private model: store.ConsoleState = store.emptyState;
  @state() private takingId: string | null = null;
  @state() private queueNotice = '';
  @state() private chatErrors: Readonly<Record<string, string>> = {};
  @state() private endingId: string | null = null;
  @state() private announcement = '';
  @state() private counselors: readonly CounselorState[] = [];
  @state() private acceptingId: string | null = null;
  @state() private routingError = '';
  @state() private transferringId: string | null = null;
  /** The supervisors' board figures (supervisors and admins only). */
  @state() private today: TodayFigures | null = null;
  /** Her usual screen, or the appointments (予約). */
  @state() private view: WorkspaceView = 'main';
  /** Appointments from a week ago onwards, soonest first; null until the first list came. */
  @state() private appointments: readonly Appointment[] | null = null;
  /** The program's phone line for booking messages (from the widget status; '' if unknown). */
  private phone: Promise<string> | null = null;

  @query('tsg-chat-panel') private panel?: TsgChatPanel;

  private readonly socket = new StaffSocketController(this, {
    connected: () => void this.refresh(),
    queueChanged: (entries) => this.onQueueChanged(entries),
    keyGranted: (p) => this.onKeyGranted(p),
    message: (m) => this.onMessage(m),
    ended: (p) => this.onEnded(p),
    offer: (o) => this.onOffer(o),
    offerWithdrawn: (id) => {
      this.model = store.removeOffer(this.model, id);
    },
    counselors: (list) => {
      this.counselors = list;
    },
    today: (figures) => {
      this.today = figures;
    },
    typing: (p) => this.onTyping(p),
    incoming: (c, from) => this.onIncoming(c, from),
    released: (id) => this.onReleased(id),
    appointmentChanged: (a) => {
      this.appointments = upsertAppointment(this.appointments ?? [], a);
    },
    authLost: () => this.dispatchEvent(new LogoutRequestEvent({ expired: true })),
  });

  private get isCounselor(): boolean {
    return this.session.staff.role === 'counselor';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.socket.connect();
    window.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKeydown);
    this.typingExpiry.clear();
  }

  /** Alt+↑/↓ moves between her chats, Alt+1…9 opens one by its number in the list. */
  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (!e.altKey || e.ctrlKey || e.metaKey || !this.isCounselor) return;
    let target: string | null = null;
    if (e.key === 'ArrowDown') target = store.chatToSwitchTo(this.model, { step: 1 });
    else if (e.key === 'ArrowUp') target = store.chatToSwitchTo(this.model, { step: -1 });
    else if (/^Digit[1-9]$/.test(e.code)) target = store.chatToSwitchTo(this.model, { index: Number(e.code.slice(5)) - 1 });
    else return;
    e.preventDefault();
    if (target) void this.select(target, true);
  };

  private get me(): CounselorState | null {
    return this.counselors.find((c) => c.staffId === this.session.staff.id) ?? null;
  }

  override updated(): void {
    // Unread counts in the tab title help when she works in another window.
    const unread = this.model.chats.reduce((n, c) => n + c.unread, 0);
    const base = `${ja.app.name} ${ja.app.consoleName}`;
    document.title = unread > 0 ? `(${unread}) ${base}` : base;
  }

  override render() {
    const selected = store.findChat(this.model, this.model.selectedId) ?? null;
    const selectedId = selected?.consultation.consultationId ?? '';
    return html`
      <tsg-app-header
        .displayName=${this.session.staff.displayName}
        .staffRole=${this.session.staff.role}
        .status=${this.socket.status}
        ?loggingOut=${this.loggingOut}
        @tsg-reconnect-request=${() => this.socket.reconnect()}
      ></tsg-app-header>
      <div class="body">
        <nav aria-label=${ja.nav.label}>
          ${this.isCounselor
            ? ''
            : html`<tsg-today-board .figures=${this.today} .entries=${this.model.queue} @tsg-today-stale=${() => void this.loadToday()}></tsg-today-board>`}
          <tsg-routing-panel
            .counselor=${this.isCounselor}
            .me=${this.me}
            .offers=${this.model.offers}
            .counselors=${this.counselors}
            .acceptingId=${this.acceptingId}
            .error=${this.routingError}
            @tsg-status-change=${this.onStatusChange}
            @tsg-offer-accept=${this.onOfferAccept}
            @tsg-capacity-change=${this.onCapacity}
          ></tsg-routing-panel>
          <tsg-queue-list
            .entries=${this.model.queue}
            ?canTake=${this.isCounselor}
            .takingId=${this.takingId}
            .notice=${this.queueNotice}
            @tsg-take-request=${this.onTake}
          ></tsg-queue-list>
          ${this.isCounselor
            ? html`<tsg-chat-list
                .chats=${this.model.chats}
                .selectedId=${this.model.selectedId}
                @tsg-chat-select=${this.onSelect}
              ></tsg-chat-list>`
            : ''}
        </nav>
        <main>
          <tsg-view-switch
            .mainLabel=${this.isCounselor ? ja.views.chats : ja.views.report}
            .view=${this.view}
            @tsg-view-change=${(e: ViewChangeEvent) => (this.view = e.detail.view)}
          ></tsg-view-switch>
          <!-- Hidden, not removed: the chat panel keeps its open forms and drafts while she looks at 予約. -->
          <div class="view" ?hidden=${this.view !== 'main'}>
          ${this.isCounselor
            ? html`<tsg-chat-panel
                .chat=${selected}
                .error=${this.chatErrors[selectedId] ?? ''}
                ?ending=${this.endingId !== null && this.endingId === selectedId}
                .counselors=${this.counselors.filter((c) => c.staffId !== this.session.staff.id)}
                ?transferring=${this.transferringId !== null && this.transferringId === selectedId}
                @tsg-transfer-request=${this.onTransfer}
                @tsg-typing=${this.onTypingInput}
                @tsg-message-send=${this.onSend}
                @tsg-end-request=${this.onEnd}
                @tsg-chat-close=${this.onClose}
                @tsg-record-request=${this.onRecord}
                @tsg-handoff-request=${this.onHandoff}
              ></tsg-chat-panel>`
            : html`<tsg-year-report .fetchReport=${this.fetchReport} ?connected=${this.socket.status === 'connected'}></tsg-year-report>`}
          </div>
          <div class="view" ?hidden=${this.view !== 'appointments'}>
            <tsg-appointment-list
              .appointments=${this.appointments ?? []}
              ?loaded=${this.appointments !== null}
              .findByCode=${this.findByCode}
              @tsg-appointment-status=${this.onAppointmentStatus}
            ></tsg-appointment-list>
          </div>
        </main>
      </div>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  /** The fiscal-year report for supervisors (one stable function, so the report does not reload on each render). */
  private readonly fetchReport = (fiscalYear: number) => this.socket.request('report:year', { fiscalYear });

  /** The phone desk's search by the code she quotes (one stable function, like fetchReport). */
  private readonly findByCode = (code: string) => this.socket.request('appointment:find', { code });

  private async loadAppointments(): Promise<void> {
    const res = await this.socket.request('appointment:list', {});
    if (res.ok) this.appointments = res.data.appointments.reduce<Appointment[]>(upsertAppointment, []);
  }

  /**
   * Books a hand-off, then tells her in an ordinary encrypted chat message, sent through the
   * composer's own path (so seq and retries behave the same). Her widget needs nothing new.
   */
  private async onHandoff(e: HandoffRequestEvent): Promise<void> {
    const { consultationId: id, kind, startsAt, done } = e.detail;
    const res = await this.socket.request('handoff:book', { consultationId: id, kind, startsAt });
    if (!res.ok) return done({ error: errorText(res.error) });
    const appointment = res.data;
    this.appointments = upsertAppointment(this.appointments ?? [], appointment);
    this.phone ??= fetchProgramPhone();
    const text = handoffMessage(appointment.kind, appointment.startsAt, appointment.code, await this.phone);
    const messageSent = await new Promise<boolean>((resolve) => void this.onSend(new MessageSendEvent({ consultationId: id, text, done: resolve })));
    if (messageSent) this.announce(ja.handoff.announce(spacedCode(appointment.code)));
    done({ appointment, messageSent });
  }

  private async onAppointmentStatus(e: AppointmentStatusEvent): Promise<void> {
    const { appointmentId, status, done } = e.detail;
    const res = await this.socket.request('appointment:status', { appointmentId, status });
    if (!res.ok) return done(errorText(res.error));
    this.appointments = upsertAppointment(this.appointments ?? [], res.data);
    done(null);
  }

  /** The board's figures, asked for after a (re)connect and when Tokyo midnight has passed. */
  private async loadToday(): Promise<void> {
    const today = await this.socket.request('stats:today', {});
    if (today.ok) this.today = today.data;
  }

  /** After every (re)connect: the queue and her chats may have changed while she was away. */
  private async refresh(): Promise<void> {
    const queue = await this.socket.request('queue:list', {});
    if (queue.ok) this.model = { ...this.model, queue: queue.data.entries };
    const staff = await this.socket.request('staff:list', {});
    if (staff.ok) this.counselors = staff.data.counselors;
    void this.loadAppointments();
    if (!this.isCounselor) return this.loadToday();
    const mine = await this.socket.request('consultation:mine', {});
    if (!mine.ok) return;
    this.model = store.applyMine(this.model, mine.data.consultations);
    for (const id of store.chatsToLoad(this.model)) {
      this.openKey(id);
      void this.loadHistory(id);
    }
  }

  /** Fetches messages after the last one held (all of them the first time). */
  private async loadHistory(id: string): Promise<void> {
    const chat = store.findChat(this.model, id);
    if (!chat) return;
    const res = await this.socket.request('message:list', { consultationId: id, afterId: lastMessageId(chat.messages) });
    if (!res.ok) return;
    this.model = store.updateChat(store.receiveMessages(this.model, id, res.data.messages), id, (c) => ({ ...c, historyLoaded: true }));
    this.decrypt(id);
    if (id === this.model.selectedId) this.markRead(id);
  }

  /** Tells the server she has read this chat up to its newest message (kept across reloads). */
  private markRead(id: string): void {
    const { state, lastReadId } = store.markRead(this.model, id);
    this.model = state;
    if (lastReadId !== null) void this.socket.request('consultation:read', { consultationId: id, lastReadId });
  }

  private async select(id: string, focus = false): Promise<void> {
    this.model = store.selectChat(this.model, id);
    this.view = 'main';
    this.markRead(id);
    if (!focus) return;
    await this.updateComplete;
    this.panel?.focusHeading();
  }

  /** Opens the sealed session key, if it has come and is not open yet. */
  private openKey(id: string): void {
    const chat = store.findChat(this.model, id);
    const sealed = chat?.consultation.sealedKey;
    if (!chat || !sealed || chat.sessionKey || chat.keyFailed) return;
    let sessionKey: Uint8Array | null = null;
    try {
      sessionKey = this.crypto.openSessionKey(sealed);
    } catch {
      // Sealed to someone else, or altered on the way: say so rather than show nothing.
    }
    this.model = store.updateChat(this.model, id, (c) => ({ ...c, sessionKey, keyFailed: sessionKey === null }));
    this.decrypt(id);
    if (sessionKey) this.announce(ja.announce.keyReady(label(id)));
  }

  private decrypt(id: string): void {
    this.model = store.updateChat(this.model, id, (c) => {
      const key = c.sessionKey;
      if (!key) return c;
      const notes = c.consultation.handover ?? [];
      const handover =
        c.handover.length === notes.length
          ? c.handover
          : notes.map((n) => ({ fromName: n.fromName, createdAt: n.createdAt, text: this.crypto.openNote(key, id, n) }));
      let intake = c.intake;
      const plain = decryptMissing(c.messages, c.plain, (m) => this.crypto.openText(key, m, (answers) => (intake = answers)));
      return { ...c, handover, plain, intake };
    });
  }

  private onOffer(offer: QueueOffer): void {
    this.model = store.addOffer(this.model, offer);
    // Visible (the card), audible (a short chime), and spoken (the live region).
    playOfferCue();
    this.announce(`${ja.offers.heading}：${label(offer.consultationId)}`);
  }

  private async onOfferAccept(e: OfferAcceptEvent): Promise<void> {
    const id = e.detail.consultationId;
    if (this.acceptingId) return;
    this.acceptingId = id;
    this.routingError = '';
    const res = await this.socket.request('offer:accept', { consultationId: id });
    this.acceptingId = null;
    this.model = store.removeOffer(this.model, id);
    if (!res.ok) {
      this.routingError = errorText(res.error);
      return;
    }
    await this.started(res.data);
  }

  /** A chat is hers now (taken, accepted or transferred to her): show it, open its key, load it. */
  private async started(c: StaffConsultation, select = true): Promise<void> {
    const id = c.consultationId;
    this.model = store.upsertConsultation(this.model, c);
    if (select) {
      this.model = store.selectChat(this.model, id);
      this.view = 'main';
    }
    this.announce(ja.announce.taken(label(id)));
    this.openKey(id);
    void this.loadHistory(id);
    if (!select) return;
    await this.updateComplete;
    this.panel?.focusHeading();
  }

  private async onStatusChange(e: StatusChangeEvent): Promise<void> {
    this.routingError = '';
    const res = await this.socket.request('staff:status', { status: e.detail.status });
    if (!res.ok) this.routingError = ja.status.changeFailed;
    else this.counselors = this.counselors.map((c) => (c.staffId === res.data.staffId ? res.data : c));
  }

  private async onCapacity(e: CapacityChangeEvent): Promise<void> {
    this.routingError = '';
    const res = await this.socket.request('staff:capacity', e.detail);
    if (!res.ok) return void (this.routingError = errorText(res.error));
    this.counselors = this.counselors.map((c) => (c.staffId === res.data.staffId ? res.data : c));
    this.announce(ja.counselors.saved(res.data.displayName, res.data.capacity));
  }

  /** Her "typing" line, taken down again if her "stopped" never comes. */
  private readonly typingExpiry = new TypingExpiry((id) => this.showClientTyping(id, false));

  private showClientTyping(consultationId: string, typing: boolean): void {
    this.typingExpiry.seen(consultationId, typing);
    this.model = store.updateChat(this.model, consultationId, (c) => ({ ...c, typing }));
  }

  private onTyping({ consultationId, role, typing }: TypingChanged): void {
    if (role === 'client') this.showClientTyping(consultationId, typing);
  }

  private onTypingInput(e: TypingEvent): void {
    void this.socket.request('typing:set', e.detail);
  }

  private onIncoming(c: StaffConsultation, fromStaffId: string | null): void {
    const from = this.counselors.find((s) => s.staffId === fromStaffId)?.displayName ?? '';
    void this.started(c, this.model.selectedId === null);
    this.announce(ja.transfer.incoming(label(c.consultationId), from));
    playOfferCue();
  }

  private onReleased(id: string): void {
    if (!store.findChat(this.model, id)) return;
    const chat = store.findChat(this.model, id);
    if (chat?.sessionKey) this.crypto.forget(chat.sessionKey);
    this.model = store.closeChat(this.model, id);
    this.announce(ja.transfer.released(label(id)));
  }

  /**
   * Hands a chat on. To a named counselor: her keys' organisation signature is checked, then the
   * session key is sealed to her here (her client may be offline). The note is encrypted under
   * the session key, so only whoever holds the key next can read it.
   */
  private async onTransfer(e: TransferRequestEvent): Promise<void> {
    const { consultationId: id, toStaffId, note } = e.detail;
    const chat = store.findChat(this.model, id);
    const key = chat?.sessionKey;
    if (!chat || !key || this.transferringId) return;
    this.setChatError(id, '');
    let sealedKey: string | undefined;
    if (toStaffId) {
      const receiver = this.counselors.find((c) => c.staffId === toStaffId);
      const sealed = receiver ? this.crypto.sealKeyFor(key, receiver.identity, this.session.orgPublicKey) : null;
      if (!sealed) return this.setChatError(id, ja.transfer.badSignature);
      sealedKey = sealed;
    }
    const sealedNote = note ? this.crypto.sealNote(key, id, this.session.staff.id, note) : undefined;
    this.transferringId = id;
    const res = await this.socket.request('consultation:transfer', {
      consultationId: id,
      ...(toStaffId ? { toStaffId } : {}),
      ...(sealedKey ? { sealedKey } : {}),
      ...(sealedNote ? { note: sealedNote } : {}),
    });
    this.transferringId = null;
    if (!res.ok) return this.setChatError(id, errorText(res.error));
    this.crypto.forget(key);
    this.model = store.closeChat(this.model, id);
    this.announce(ja.transfer.done(label(id)));
  }

  private onQueueChanged(entries: QueueEntry[]): void {
    const added = addedEntries(this.model.queue, entries);
    this.model = { ...this.model, queue: entries };
    if (added.some((e) => e.urgent)) this.announce(ja.announce.urgentQueueEntry);
    else if (added.length > 0) this.announce(ja.announce.newQueueEntry(added.length));
  }

  private onKeyGranted({ consultationId, sealedKey }: KeyGranted): void {
    this.model = store.updateChat(this.model, consultationId, (c) => ({ ...c, consultation: { ...c.consultation, sealedKey } }));
    this.openKey(consultationId);
  }

  private onMessage(m: StoredMessage): void {
    const id = m.consultationId;
    if (!store.findChat(this.model, id)) return;
    this.model = store.receiveMessages(this.model, id, [m]);
    this.decrypt(id);
    if (m.senderRole === 'client') this.showClientTyping(id, false);
    if (id === this.model.selectedId) this.markRead(id);
    if (m.senderRole !== 'client') return;
    const text = store.findChat(this.model, id)?.plain.get(m.id);
    this.announce(
      id === this.model.selectedId && typeof text === 'string'
        ? ja.announce.newMessage(label(id), text)
        : ja.announce.newMessageOther(label(id)),
    );
  }

  private onEnded({ consultationId, endedBy, reason }: ConsultationEnded): void {
    if (!store.findChat(this.model, consultationId)) return;
    this.model = store.markEnded(this.model, consultationId, { endedBy, reason });
    this.announce(ja.announce.ended(label(consultationId), endedText(endedBy, reason)));
  }

  private async onTake(e: TakeRequestEvent): Promise<void> {
    const id = e.detail.consultationId;
    if (this.takingId) return;
    this.takingId = id;
    this.queueNotice = '';
    const res = await this.socket.request('consultation:take', { consultationId: id });
    this.takingId = null;
    if (!res.ok) {
      this.queueNotice = errorText(res.error);
      if (res.error === 'ALREADY_TAKEN') void this.refreshQueue();
      return;
    }
    this.model = store.removeOffer(this.model, id);
    await this.started(res.data);
  }

  private async refreshQueue(): Promise<void> {
    const queue = await this.socket.request('queue:list', {});
    if (queue.ok) this.model = { ...this.model, queue: queue.data.entries };
  }

  private onSelect(e: ChatSelectEvent): void {
    void this.select(e.detail.consultationId);
  }

  private async onSend(e: MessageSendEvent): Promise<void> {
    const { consultationId: id, text, done } = e.detail;
    const chat = store.findChat(this.model, id);
    const key = chat?.sessionKey;
    if (!chat || !key || chat.ended) return done(false);
    const seq = nextCounselorSeq(chat.messages, chat.reservedSeq);
    this.model = store.updateChat(this.model, id, (c) => ({ ...c, reservedSeq: Math.max(c.reservedSeq, seq) }));
    this.setChatError(id, '');
    let envelope;
    try {
      envelope = this.crypto.sealText(key, id, seq, text);
    } catch {
      this.setChatError(id, errorText('CRYPTO'));
      return done(false);
    }
    const res = await this.socket.request('message:send', envelope);
    if (!res.ok) {
      // Give the seq back so a retry re-sends the same one: the server treats it as idempotent,
      // which matters when the first attempt was stored but its ack was lost.
      this.model = store.updateChat(this.model, id, (c) => ({ ...c, reservedSeq: c.reservedSeq === seq ? seq - 1 : c.reservedSeq }));
      this.setChatError(id, errorText(res.error));
      return done(false);
    }
    const stored: StoredMessage = { ...envelope, senderRole: 'counselor', ...res.data };
    this.model = store.updateChat(store.receiveMessages(this.model, id, [stored]), id, (c) => ({
      ...c,
      plain: new Map(c.plain).set(stored.id, text),
    }));
    done(true);
  }

  private async onEnd(e: EndRequestEvent): Promise<void> {
    const id = e.detail.consultationId;
    this.endingId = id;
    this.setChatError(id, '');
    const res = await this.socket.request('consultation:end', { consultationId: id });
    this.endingId = null;
    if (res.ok || res.error === 'INVALID_STATE') {
      this.model = store.markEnded(this.model, id, res.ok ? { endedBy: 'counselor', reason: 'ended' } : { endedBy: null, reason: null });
      this.announce(ja.announce.ended(label(id), endedText(res.ok ? 'counselor' : null, null)));
    } else {
      this.setChatError(id, errorText(res.error));
    }
  }

  /** Sends her case record; the chat then shows it as recorded. */
  private async onRecord(e: RecordRequestEvent): Promise<void> {
    const { done, ...payload } = e.detail;
    const res = await this.socket.request('consultation:record', payload);
    if (!res.ok) return done(errorText(res.error));
    const { topics, outcome, ageBand = null } = payload;
    this.model = store.markRecorded(this.model, payload.consultationId, { topics, outcome, ageBand, recordedAt: res.data.recordedAt });
    this.announce(ja.record.announce(label(payload.consultationId)));
    done(null);
  }

  private onClose(e: ChatCloseEvent): void {
    const chat = store.findChat(this.model, e.detail.consultationId);
    if (chat?.sessionKey) this.crypto.forget(chat.sessionKey);
    this.model = store.closeChat(this.model, e.detail.consultationId);
  }

  private setChatError(id: string, message: string): void {
    this.chatErrors = { ...this.chatErrors, [id]: message };
  }

  /** Speaks through the polite live region; clearing first makes a repeat sentence heard again. */
  private announce(text: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }
}
