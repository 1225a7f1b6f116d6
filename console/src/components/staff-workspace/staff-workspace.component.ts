import type { StaffSession } from '@tsunagari/shared';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LogoutRequestEvent } from '../../events/logout-request.event.js';
import type { ViewChangeEvent, WorkspaceView } from '../../events/view-change.event.js';
import { ja } from '../../i18n/ja.js';
import { AppointmentsController } from '../../services/appointments.controller.js';
import { CalendarController } from '../../services/calendar.controller.js';
import { CaseLogController } from '../../services/case-log.controller.js';
import { OutreachController } from '../../services/outreach.controller.js';
import { ChatActionsController } from '../../services/chat-actions.controller.js';
import { ChatShortcutsController } from '../../services/chat-shortcuts.controller.js';
import { ChatSyncController } from '../../services/chat-sync.controller.js';
import { DistributionController } from '../../services/distribution.controller.js';
import { ProgramSettingsController } from '../../services/program-settings.controller.js';
import { QueueRoutingController } from '../../services/queue-routing.controller.js';
import { StaffAdminController } from '../../services/staff-admin.controller.js';
import type { StaffCrypto } from '../../services/staff-crypto.js';
import { StaffSocketController } from '../../services/staff-socket.controller.js';
import type { StaffTrust } from '../../services/staff-trust.js';
import { TrustController } from '../../services/trust.controller.js';
import type { FormResult, PasswordChange } from '../../state/form-requests.js';
import { ConsoleStore, type WorkspaceContext } from '../../services/workspace-context.js';
import { baseStyles } from '../../styles/shared.styles.js';
import '../app-header/app-header.js';
import type { TsgCaseLogForm } from '../case-log-form/case-log-form.component.js';
import type { TsgChatPanel } from '../chat-panel/chat-panel.component.js';
import type { TsgLockScreen } from '../lock-screen/lock-screen.component.js';
import '../lock-screen/lock-screen.js';
import '../password-form/password-form.js';
import '../view-switch/view-switch.js';
import { WorkspaceAppointmentsView } from './workspace-appointments-view.js';
import { renderCalendarView, type CalendarViewParts } from './workspace-calendar-view.js';
import { WorkspaceCaseLogView } from './workspace-caselog-view.js';
import { WorkspaceMainView } from './workspace-main-view.js';
import { renderNavView, type NavViewParts } from './workspace-nav-view.js';
import { WorkspaceStaffView } from './workspace-staff-view.js';
import { staffWorkspaceStyles } from './staff-workspace.styles.js';

/**
 * Everything after login: the socket, the queue, her chats and the selected chat. State lives in
 * one immutable ConsoleState (held by a {@link ConsoleStore}) changed only through
 * the store's pure functions. The work is done by controllers this element wires together:
 * {@link ChatSyncController} (history, keys, reads, pushes), {@link ChatActionsController}
 * (send, end, record, close, transfer), {@link QueueRoutingController} (queue, offers,
 * counselors, board figures), {@link AppointmentsController} (予約 and hand-offs),
 * {@link TrustController} (the revocation list) and, for admins, {@link StaffAdminController}.
 * Each screen's markup and its stable functions live in a view module beside this file
 * (workspace-*-view.ts), rendered into this element's shadow root; this element keeps the view
 * switch, the controllers, the connection status and the live region.
 * Under the idle lock (`locked`) her chats stay listed but every key and plaintext is dropped,
 * and the main area asks for her password.
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

  /** The program's settings in force (the board's long-wait alert, the settings form, flyers' hours). */
  private readonly program = new ProgramSettingsController(this.ctx);

  // The views: each renders its screen into this shadow root (styles and tests reach it here) and
  // keeps its own stable functions, so a re-render hands the same ones down.
  private readonly navView: NavViewParts = { ctx: this.ctx, routing: this.routing, chats: this.chats, program: this.program };
  private readonly mainView = new WorkspaceMainView({ ...this.navView, socket: this.socket, actions: this.actions, appointments: this.appointments });
  private readonly appointmentsView = new WorkspaceAppointmentsView({ ctx: this.ctx, appointments: this.appointments, outreach: this.outreach });
  private readonly calendarView: CalendarViewParts = { ctx: this.ctx, calendar: this.calendar, routing: this.routing };
  private readonly caseLogView = new WorkspaceCaseLogView({
    ...this.navView,
    socket: this.socket,
    caseLog: this.caseLog,
    outreach: this.outreach,
    distribution: this.distribution,
    recordsPublicKey: () => this.recordsPublicKey,
  });
  private readonly staffView = new WorkspaceStaffView({ ...this.navView, socket: this.socket, staffAdmin: this.staffAdmin, landingUrl: () => this.landingUrl });

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
    const shown = this.shown;
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
        ${renderNavView(this.navView)}
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
          ${this.mainView.render(shown)} ${this.appointmentsView.render(shown)} ${renderCalendarView(this.calendarView, shown)}
          ${this.isAdmin ? nothing : this.caseLogView.render(shown)} ${this.isAdmin ? this.staffView.render(shown) : nothing}
          <div class="view scroll" ?hidden=${shown !== 'password'}>
            <tsg-password-form .change=${this.changePasswordHere}></tsg-password-form>
          </div>
        </main>
      </div>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  /** The screen in the main area now: none while locked. */
  private get shown(): WorkspaceView | null {
    return this.locked ? null : this.view;
  }

  private readonly onViewChange = (e: ViewChangeEvent): void => {
    this.view = e.detail.view;
    // The form opens on its first topic: a phone call needs that and Enter.
    if (this.view === 'caselog') void this.updateComplete.then(() => this.caseLogForm?.focusTopic());
    // Records (a distribution event, a call) are not pushed: the report reads the year again each time it is opened.
    if (this.view === 'main' && !this.isCounselor) void this.renderRoot.querySelector('tsg-year-report')?.load();
    if (this.view === 'calendar') void this.calendar.open();
    if (this.view === 'staff' && this.isAdmin) this.staffView.opened(this.renderRoot);
  };

  /** After every (re)connect: the queue and her chats (and the revocation list) may have changed while she was away. */
  private async refresh(): Promise<void> {
    void this.trustUpdates.refresh();
    void this.program.load();
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
