import type { AppointmentStatusPayload, CampaignSavePayload, FiscalYearTargets, ProgramContacts, ProgramSettings, SettingsView, StaffSession } from '@tsunagari/shared';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CaseLogEditEvent } from '../../events/case-log-edit.event.js';
import type { DistributionEditEvent } from '../../events/distribution-edit.event.js';
import type { FlyerOpenEvent } from '../../events/flyer-open.event.js';
import { LogoutRequestEvent } from '../../events/logout-request.event.js';
import type { ViewChangeEvent, WorkspaceView } from '../../events/view-change.event.js';
import type { WeekChangeEvent } from '../../events/week-change.event.js';
import { ja } from '../../i18n/ja.js';
import { AppointmentsController } from '../../services/appointments.controller.js';
import { CalendarController } from '../../services/calendar.controller.js';
import { CaseLogController } from '../../services/case-log.controller.js';
import { OutreachController } from '../../services/outreach.controller.js';
import { ChatActionsController } from '../../services/chat-actions.controller.js';
import { ChatShortcutsController } from '../../services/chat-shortcuts.controller.js';
import { ChatSyncController } from '../../services/chat-sync.controller.js';
import { DistributionController } from '../../services/distribution.controller.js';
import { QueueRoutingController } from '../../services/queue-routing.controller.js';
import { StaffAdminController } from '../../services/staff-admin.controller.js';
import type { StaffCrypto } from '../../services/staff-crypto.js';
import { StaffSocketController } from '../../services/staff-socket.controller.js';
import type { StaffTrust } from '../../services/staff-trust.js';
import { TrustController } from '../../services/trust.controller.js';
import type { FormResult, PasswordChange } from '../../state/form-requests.js';
import { ConsoleStore, type WorkspaceContext } from '../../services/workspace-context.js';
import * as store from '../../state/chats.js';
import { knownPartners } from '../../state/distribution.js';
import { baseStyles } from '../../styles/shared.styles.js';
import '../app-header/app-header.js';
import '../appointment-list/appointment-list.js';
import '../calendar-week/calendar-week.js';
import '../calendar-book-form/calendar-book-form.js';
import type { TsgCaseLogForm } from '../case-log-form/case-log-form.component.js';
import '../case-log-form/case-log-form.js';
import '../case-log-list/case-log-list.js';
import '../records-notes/records-notes.js';
import '../outreach-log/outreach-log.js';
import '../chat-list/chat-list.js';
import type { TsgChatPanel } from '../chat-panel/chat-panel.component.js';
import '../chat-panel/chat-panel.js';
import '../distribution-form/distribution-form.js';
import '../distribution-list/distribution-list.js';
import type { TsgLockScreen } from '../lock-screen/lock-screen.component.js';
import '../lock-screen/lock-screen.js';
import '../password-form/password-form.js';
import '../staff-admin/staff-admin.js';
import '../queue-list/queue-list.js';
import '../routing-panel/routing-panel.js';
import '../today-board/today-board.js';
import '../campaign-admin/campaign-admin.js';
import '../settings-form/settings-form.js';
import '../view-switch/view-switch.js';
import '../year-report/year-report.js';
import { staffWorkspaceStyles } from './staff-workspace.styles.js';

/**
 * Everything after login: the socket, the queue, her chats and the selected chat. State lives in
 * one immutable {@link store.ConsoleState} (held by a {@link ConsoleStore}) changed only through
 * the store's pure functions. The work is done by controllers this element wires together:
 * {@link ChatSyncController} (history, keys, reads, pushes), {@link ChatActionsController}
 * (send, end, record, close, transfer), {@link QueueRoutingController} (queue, offers,
 * counselors, board figures), {@link AppointmentsController} (予約 and hand-offs),
 * {@link TrustController} (the revocation list) and, for admins, {@link StaffAdminController}.
 * Under the idle lock (`locked`) her chats stay listed but every key and plaintext is dropped,
 * and the main area asks for her password.
 *
 * Over 300 lines on purpose: it is the wiring of those controllers and the one template that
 * lays the views out; the work is theirs, and splitting the template would pass every state twice.
 *
 * @fires tsg-logout-request
 */
export class TsgStaffWorkspace extends LitElement {
  static override styles = [baseStyles, staffWorkspaceStyles];

  @property({ attribute: false }) session!: StaffSession;
  @property({ attribute: false }) crypto!: StaffCrypto;
  /** The pinned organisation key and the newest verified revocation list. */
  @property({ attribute: false }) trust!: StaffTrust;
  /** The relay named in the console's config. */
  @property() relayUrl = '';
  /** The config's landing URL template (what flyers' QR codes open); empty: no flyers. */
  @property() landingUrl = '';
  /** The records key pinned in the config (never a relay's): notes are sealed to it; empty, no notes. */
  @property() recordsPublicKey = '';
  @property({ type: Boolean }) loggingOut = false;
  /** The idle lock is on: her keys are wiped until `unlock` succeeds. */
  @property({ type: Boolean }) locked = false;
  @property({ type: Number }) lockMinutes = 15;
  @property({ attribute: false }) unlock: ((password: string) => Promise<FormResult>) | null = null;
  @property({ attribute: false }) changePassword: ((change: PasswordChange) => Promise<FormResult>) | null = null;

  @state() private announcement = '';
  /** Her usual screen, the appointments (予約), the staff screen (admins) or her password change. */
  @state() private view: WorkspaceView = 'main';
  /** The program's settings in force (hours, the long-wait alert, …) and its phone and mail. */
  @state() private program: SettingsView | null = null;

  @query('tsg-chat-panel') private panel?: TsgChatPanel;
  @query('tsg-case-log-form') private caseLogForm?: TsgCaseLogForm;
  @query('tsg-lock-screen') private lockScreen?: TsgLockScreen;
  /** The organisation key's fingerprint for the header menu, computed once per pinned key. */
  private orgFingerprint = '';

  private readonly store = new ConsoleStore(this);

  /** The one socket; each controller below subscribes to the pushes it handles. */
  private readonly socket = new StaffSocketController(this);
  /** The password change, with her socket's reconnect held until the new session cookie is set. */
  private readonly changePasswordHere = (change: PasswordChange): Promise<FormResult> => {
    const run = this.changePassword;
    return run ? this.socket.whileSessionChanges(() => run(change)) : Promise.resolve({ ok: false, error: '' });
  };

  private readonly ctx: WorkspaceContext = {
    host: this,
    socket: this.socket,
    store: this.store,
    session: () => this.session,
    crypto: () => this.crypto,
    trust: () => this.trust,
    locked: () => this.locked,
    announce: (text) => this.announce(text),
  };

  private readonly chats = new ChatSyncController(this.ctx, {
    showMain: () => {
      this.view = 'main';
    },
    focusPanel: async () => {
      await this.updateComplete;
      this.panel?.focusHeading();
    },
  });

  private readonly actions = new ChatActionsController(this.ctx, () => this.routing.counselors);
  private readonly routing = new QueueRoutingController(this.ctx, (c, select) => this.chats.started(c, select));
  private readonly appointments = new AppointmentsController(this.ctx, this.actions.send);
  private readonly caseLog = new CaseLogController(this.ctx);
  private readonly outreach = new OutreachController(this.ctx);
  /** Distribution events on the records screen: supervisors record them, counselors look. */
  private readonly distribution = new DistributionController(this.ctx, () => this.isSupervisor);
  private readonly calendar = new CalendarController(this.ctx);
  private readonly staffAdmin = new StaffAdminController(this.ctx, () => this.relayUrl);
  /** After the list changed, admins see the staff changes behind it (activated, renewed, disabled) at once. */
  private readonly trustUpdates = new TrustController(this.ctx, () => this.relayUrl, () => void (this.isAdmin ? this.staffAdmin.load() : undefined));

  /** Alt+↑/↓ and Alt+1…9 between her chats (counselors only). */
  private readonly shortcuts = new ChatShortcutsController(this, {
    enabled: () => this.isCounselor,
    model: () => this.store.model,
    open: (id) => void this.chats.select(id, true),
  });

  private get isCounselor(): boolean {
    return this.session.staff.role === 'counselor';
  }

  private get isSupervisor(): boolean {
    return this.session.staff.role === 'supervisor';
  }

  private get isAdmin(): boolean {
    return this.session.staff.role === 'admin';
  }

  constructor() {
    super();
    // The workspace keeps only the connection's own news: what to fetch after a (re)connect, in
    // this order, and a lost session. Handlers run only once connected, when every controller exists.
    this.socket.listen(this, {
      connected: () => void this.refresh(),
      authLost: () => this.dispatchEvent(new LogoutRequestEvent({ expired: true })),
      // An admin saved the program's settings: the board's alert follows at once.
      'settings:changed': (view) => {
        this.program = view;
      },
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.socket.connect(this.relayUrl);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('trust')) this.orgFingerprint = this.trust.orgFingerprint;
    if (!changed.has('locked')) return;
    if (this.locked) {
      this.chats.lock();
      this.caseLogForm?.forgetNote();
      // The live region may still hold her last message's words.
      this.announcement = '';
    } else if (changed.get('locked') === true) this.chats.reopen();
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('locked') && this.locked) this.lockScreen?.focus();
    this.updateTitle();
  }

  private updateTitle(): void {
    // Unread counts in the tab title help when she works in another window.
    const unread = this.store.model.chats.reduce((n, c) => n + c.unread, 0);
    const base = `${ja.app.name} ${ja.app.consoleName}`;
    document.title = unread > 0 ? `(${unread}) ${base}` : base;
  }

  override render() {
    const model = this.store.model;
    const { routing, actions, appointments } = this;
    const selected = store.findChat(model, model.selectedId) ?? null;
    const selectedId = selected?.consultation.consultationId ?? '';
    return html`
      <tsg-app-header
        .displayName=${this.session.staff.displayName}
        .staffRole=${this.session.staff.role}
        .status=${this.socket.status}
        .orgFingerprint=${this.orgFingerprint}
        ?loggingOut=${this.loggingOut}
        @tsg-reconnect-request=${() => this.socket.reconnect()}
        @tsg-view-change=${this.onViewChange}
      ></tsg-app-header>
      <div class="body">
        <nav aria-label=${ja.nav.label} ?inert=${this.locked}>
          ${this.locked ? html`<p class="locked-note">${ja.lock.chatsLocked}</p>` : nothing}
          ${this.isCounselor
            ? ''
            : html`<tsg-today-board .figures=${routing.today} .entries=${model.queue} .urgentAlert=${routing.urgentAlert} .longWaitMinutes=${this.program?.settings.longWaitAlertMinutes ?? 10} @tsg-today-stale=${() => void routing.loadToday()}></tsg-today-board>`}
          <tsg-routing-panel
            .counselor=${this.isCounselor}
            .me=${routing.me}
            .offers=${model.offers}
            .counselors=${routing.counselors}
            .acceptingId=${routing.acceptingId}
            .error=${routing.routingError}
            @tsg-status-change=${routing.onStatusChange}
            @tsg-offer-accept=${routing.onOfferAccept}
            @tsg-capacity-change=${routing.onCapacity}
          ></tsg-routing-panel>
          <tsg-queue-list
            .entries=${model.queue}
            ?canTake=${this.isCounselor}
            .takingId=${routing.takingId}
            .notice=${routing.queueNotice}
            @tsg-take-request=${routing.onTake}
          ></tsg-queue-list>
          ${this.isCounselor
            ? html`<tsg-chat-list
                .chats=${model.chats}
                .selectedId=${model.selectedId}
                ?locked=${this.locked}
                @tsg-chat-select=${this.chats.onSelect}
              ></tsg-chat-list>`
            : ''}
        </nav>
        <main>
          ${this.locked ? html`<tsg-lock-screen .minutes=${this.lockMinutes} .unlock=${this.unlock}></tsg-lock-screen>` : nothing}
          <tsg-view-switch
            ?hidden=${this.locked}
            .mainLabel=${this.isCounselor ? ja.views.chats : ja.views.report}
            .staffView=${this.isAdmin}
            .caseLogView=${!this.isAdmin}
            .view=${this.view}
            @tsg-view-change=${this.onViewChange}
          ></tsg-view-switch>
          <!-- Hidden, not removed: the chat panel keeps its open forms and drafts while she looks at 予約 (or is locked). -->
          <div class="view" ?hidden=${this.shown !== 'main'}>
          ${this.isCounselor
            ? html`<tsg-chat-panel
                .chat=${selected}
                .error=${actions.chatErrors[selectedId] ?? ''}
                ?ending=${actions.endingId !== null && actions.endingId === selectedId}
                .counselors=${routing.counselors.filter((c) => c.staffId !== this.session.staff.id)}
                ?transferring=${actions.transferringId !== null && actions.transferringId === selectedId}
                .send=${actions.send}
                .record=${actions.record}
                .transfer=${actions.transfer}
                .book=${appointments.book}
                @tsg-typing=${this.chats.onTypingInput}
                @tsg-end-request=${actions.onEnd}
                @tsg-chat-close=${actions.onClose}
              ></tsg-chat-panel>`
            : html`<tsg-year-report
                .fetchReport=${this.fetchReport}
                .setTargets=${this.isAdmin ? this.setTargets : null}
                ?connected=${this.socket.status === 'connected'}
              ></tsg-year-report>`}
          </div>
          <div class="view" ?hidden=${this.shown !== 'appointments'}>
            <tsg-appointment-list
              .appointments=${appointments.appointments ?? []}
              ?loaded=${appointments.appointments !== null}
              .findByCode=${appointments.findByCode}
              .changeStatus=${this.changeStatus}
            ></tsg-appointment-list>
          </div>
          <div class="view scroll" ?hidden=${this.shown !== 'calendar'}>
            <tsg-calendar-week
              .week=${this.calendar.week}
              .counselors=${routing.counselors}
              .notice=${this.calendar.notice}
              @tsg-week-change=${(e: WeekChangeEvent) => void this.calendar.go(e.detail.weekStart)}
            ></tsg-calendar-week>
            ${this.isSupervisor ? html`<tsg-calendar-book-form .counselors=${routing.counselors} .submit=${this.calendar.bookFor}></tsg-calendar-book-form>` : nothing}
          </div>
          ${this.isAdmin
            ? nothing
            : html`<div class="view scroll caselog" ?hidden=${this.shown !== 'caselog'} @tsg-case-log-edit=${this.onCaseLogEdit}>
                <tsg-case-log-form
                  .submit=${this.caseLog.save}
                  .editing=${this.caseLog.editing}
                  .cancelEdit=${this.caseLog.cancelEdit}
                  .lastOutcome=${this.caseLog.lastOutcome}
                  .sealNote=${this.recordsPublicKey ? this.sealNote : null}
                ></tsg-case-log-form>
                <tsg-case-log-list .entries=${this.caseLog.entries ?? []} .withdraw=${this.caseLog.withdraw}></tsg-case-log-list>
                ${this.isSupervisor && this.recordsPublicKey
                  ? html`<tsg-records-notes .recordsPublicKey=${this.recordsPublicKey} .fetchNotes=${this.fetchNotes} ?active=${this.shown === 'caselog'}></tsg-records-notes>`
                  : nothing}
                <tsg-outreach-log .visits=${this.outreach.visits ?? []} .log=${this.outreach.log} .withdraw=${this.outreach.withdraw} .correct=${this.outreach.correct}></tsg-outreach-log>
                ${this.renderDistribution()}
              </div>`}
          ${this.isAdmin
            ? html`<div class="view scroll" ?hidden=${this.shown !== 'staff'}>
                <tsg-staff-admin
                  @tsg-staff-reload=${() => void this.staffAdmin.load()}
                  .rows=${this.staffAdmin.rows}
                  .invite=${this.staffAdmin.invite}
                  .activate=${this.staffAdmin.activate}
                  .renew=${this.staffAdmin.renew}
                  .disable=${this.staffAdmin.disable}
                  .list=${this.staffAdmin.list}
                  .republish=${this.staffAdmin.republish}
                ></tsg-staff-admin>
                <tsg-campaign-admin .load=${this.loadCampaigns} .save=${this.saveCampaign} ?flyers=${this.landingUrl !== ''} @tsg-flyer-open=${this.onFlyerOpen}></tsg-campaign-admin>
                <tsg-settings-form .settings=${this.program?.settings ?? null} .contacts=${this.program?.contacts ?? null} .save=${this.saveSettings}></tsg-settings-form>
              </div>`
            : nothing}
          <div class="view scroll" ?hidden=${this.shown !== 'password'}>
            <tsg-password-form .change=${this.changePasswordHere}></tsg-password-form>
          </div>
        </main>
      </div>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  /** 生理用品配布会 on the records screen: the form for supervisors, the list for both. */
  private renderDistribution() {
    const d = this.distribution;
    return html`<div class="distribution" @tsg-distribution-edit=${this.onDistributionEdit}>
      ${this.isSupervisor
        ? html`<tsg-distribution-form
            .submit=${d.save}
            .editing=${d.editing}
            .cancelEdit=${d.cancelEdit}
            .campaigns=${d.campaigns}
            .partners=${knownPartners(d.events ?? [])}
          ></tsg-distribution-form>`
        : nothing}
      <tsg-distribution-list .events=${d.events ?? []} .withdraw=${this.isSupervisor ? d.withdraw : null}></tsg-distribution-list>
    </div>`;
  }

  private readonly onDistributionEdit = (e: DistributionEditEvent): void => this.distribution.edit(e.detail.eventId);

  /** The admin's campaign list (stable functions, as for the report). */
  private readonly loadCampaigns = () => this.socket.request('campaign:list', {});
  private readonly saveCampaign = (c: CampaignSavePayload) => this.socket.request('campaign:save', c);

  /** The fiscal-year report for supervisors (one stable function, so the report does not reload on each render). */
  private readonly fetchReport = (fiscalYear: number) => this.socket.request('report:year', { fiscalYear });
  /** Admins: the year's targets (stable, like fetchReport). */
  private readonly setTargets = (fiscalYear: number, targets: FiscalYearTargets) => this.socket.request('targets:set', { fiscalYear, targets });

  /** The screen in the main area now: none while locked. */
  private get shown(): WorkspaceView | null {
    return this.locked ? null : this.view;
  }

  /** A status change from the appointment list; a visit marked 済み (or undone) shows in her visits too. */
  private readonly changeStatus = async (change: AppointmentStatusPayload): Promise<FormResult> => {
    const res = await this.appointments.changeStatus(change);
    if (res.ok && !this.isAdmin) void this.outreach.load();
    return res;
  };

  /** A campaign's flyer: its code and page load only now (flyer-print.ts). */
  private readonly onFlyerOpen = (e: FlyerOpenEvent): void => {
    const opener = e.composedPath()[0];
    void (async () => {
      // The hours in force now, as the relay applies them (an admin may just have changed them).
      const [{ openFlyer }, program] = await Promise.all([import('../../services/flyer-print.js'), this.socket.request('settings:get', {})]);
      if (!program.ok) throw new Error(program.error);
      this.program = program.data;
      const { settings, contacts } = program.data;
      await openFlyer({ ...e.detail, landingTemplate: this.landingUrl, hours: settings.hours, contacts, returnFocus: opener instanceof HTMLElement ? opener : null });
    })().catch(() => this.announce(ja.campaigns.flyerFailed));
  };

  /** Admins: the program's settings, applied by the relay at once. */
  private readonly saveSettings = async (settings: ProgramSettings, contacts: ProgramContacts) => {
    const res = await this.socket.request('settings:save', { settings, contacts });
    if (res.ok) this.program = res.data;
    return res;
  };

  /** Seals a case-log note to the pinned records key (the sealing code loads only when first used). */
  private readonly sealNote = async (text: string) => (await import('../../services/records-notes.js')).sealCaseNote(this.recordsPublicKey, text);
  private readonly fetchNotes = (fiscalYear: number) => this.socket.request('caselog:notes', { fiscalYear });

  private readonly onCaseLogEdit = (e: CaseLogEditEvent): void => this.caseLog.edit(e.detail.entryId);

  private readonly onViewChange = (e: ViewChangeEvent): void => {
    this.view = e.detail.view;
    // The form opens on its first topic: a phone call needs that and Enter.
    if (this.view === 'caselog') void this.updateComplete.then(() => this.caseLogForm?.focusTopic());
    // Records (a distribution event, a call) are not pushed: the report reads the year again each time it is opened.
    if (this.view === 'main' && !this.isCounselor) void this.renderRoot.querySelector('tsg-year-report')?.load();
    if (this.view === 'calendar') void this.calendar.open();
    // Enrolments are not pushed: the staff screen reads the directory each time it is opened.
    if (this.view === 'staff' && this.isAdmin) {
      void this.staffAdmin.load();
      void this.renderRoot.querySelector('tsg-campaign-admin')?.reload();
    }
  };

  /** After every (re)connect: the queue and her chats (and the revocation list) may have changed while she was away. */
  private async refresh(): Promise<void> {
    void this.trustUpdates.refresh();
    void this.socket.request('settings:get', {}).then((res) => {
      if (res.ok) this.program = res.data;
    });
    await this.routing.refresh();
    void this.appointments.load();
    void this.calendar.refresh();
    if (!this.isAdmin) void this.caseLog.load();
    if (!this.isAdmin) void this.outreach.load();
    if (!this.isAdmin) void this.distribution.load();
    if (!this.isCounselor) return this.routing.loadToday();
    await this.chats.loadMine();
  }

  /** Speaks through the polite live region; clearing first makes a repeat sentence heard again. */
  private announce(text: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }
}
