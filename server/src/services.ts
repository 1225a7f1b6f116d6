import type { WidgetStatus, OpeningHoursConfig, ProgramSettings } from '@tsunagari/shared';
import type { KdfFloor, SodiumSumo } from '@tsunagari/shared/crypto';
import type { Clock } from './clock.js';
import { clientPerson } from './cluster/node-presence.js';
import type { SharedNode } from './cluster/shared-node.js';
import { AppointmentService } from './domain/appointments.js';
import { BookingRules } from './domain/booking-rules.js';
import { CalendarService } from './domain/calendar.js';
import { CampaignList } from './domain/campaigns.js';
import { CaseLogService } from './domain/case-log.js';
import { CaseRecordService } from './domain/case-records.js';
import { DemandCounter } from './domain/demand.js';
import { ConsultationService } from './domain/consultations.js';
import { CounselorDirectory } from './domain/counselors.js';
import { DistributionService } from './domain/distribution.js';
import { MessageService } from './domain/messages.js';
import { OutreachService } from './domain/outreach.js';
import { OpeningHours } from './domain/opening.js';
import { DEFAULT_LONG_WAIT_ALERT_MINUTES, ProgramSettingsService } from './domain/program-settings.js';
import { ResumeService } from './domain/resume.js';
import { DEFAULT_RETENTION_DAYS, RetentionService } from './domain/retention.js';
import { MemoryQueueStore } from './domain/routing/memory-queue-store.js';
import { defaultRoutingOptions, type RoutingOptions } from './domain/routing/options.js';
import { Presenter } from './domain/routing/presenters.js';
import type { QueueStore } from './domain/routing/queue-store.js';
import { RoutingService } from './domain/routing/routing-service.js';
import { StaffAuthService } from './domain/staff/auth.js';
import { StaffLifecycle } from './domain/staff/lifecycle.js';
import { LiveSessions } from './domain/staff/live-sessions.js';
import type { PasswordVerifier } from './domain/staff/verifier-pool.js';
import { StartLimit } from './domain/start-limit.js';
import type { Limits } from './limits.js';
import { CallerLedger, DEFAULT_OPEN_PER_CALLER, DEFAULT_URGENT_PER_HOUR } from './domain/callers/caller-ledger.js';
import { DEFAULT_POW_COUNTER, DEFAULT_POW_FLOOD_WAITING, StartProofs } from './domain/callers/start-proof.js';
import type { Logger } from './log.js';
import type { Repositories } from './repositories/types.js';
import { realScheduler, type Scheduler } from './scheduler.js';

/** Every domain service of one server, over one set of repositories. */
export interface Services {
  consultations: ConsultationService;
  messages: MessageService;
  routing: RoutingService;
  presenter: Presenter;
  counselors: CounselorDirectory;
  records: CaseRecordService;
  /** The case log of phone, mail, interview and remote consultations. */
  caseLog: CaseLogService;
  /** Home visits and accompaniments done, from appointments or logged without one. */
  outreach: OutreachService;
  /** Distribution events (生理用品配布会). */
  distribution: DistributionService;
  appointments: AppointmentService;
  /** The calendar's week view (issue 16). */
  calendar: CalendarService;
  resume: ResumeService;
  auth: StaffAuthService;
  /** Invite, enrol, activate, re-sign, disable; the published revocation list. */
  staff: StaffLifecycle;
  /** Staff sessions with sockets here, for the live-socket gate. */
  liveSessions: LiveSessions;
  hours: OpeningHours;
  starts: StartLimit;
  /** Per caller network: open consultations, urgent budget, today's nuisance blocks (memory only). */
  callerLedger: CallerLedger;
  /** Proof of work to start (ALTCHA): challenges and their one-time verification. */
  startProofs: StartProofs;
  /** The admin's list of campaigns; unknown ones are recorded as 'other'. */
  campaigns: CampaignList;
  retention: RetentionService;
  /** The per-day counters of widget openings and starts tried while closed or refused. */
  demand: DemandCounter;
  /** The program's settings an admin changes (hours, retention, alert, offer and grace timings), live. */
  settings: ProgramSettingsService;
}

export interface ServiceOptions {
  sodium: SodiumSumo;
  clock: Clock;
  log: Logger;
  hours?: OpeningHoursConfig | undefined;
  /** ISO weekday of interviews (1 = Monday … 7 = Sunday); null or absent: any day. */
  interviewWeekday?: number | null | undefined;
  alternatives?: WidgetStatus['alternatives'] | undefined;
  resumeDays?: number | undefined;
  routing?: Partial<RoutingOptions> | undefined;
  scheduler?: Scheduler | undefined;
  /** Where routing keeps the queue (default: the shared node's, else this process's memory). */
  queueStore?: QueueStore | undefined;
  /** Several nodes (issue 17): the queue, limits and start proofs shared through Redis; absent, all in memory. */
  shared?: SharedNode | undefined;
  startsPerHour?: number | undefined;
  /** Consultations waiting or active per caller at once (default DEFAULT_OPEN_PER_CALLER; 0: no limit). */
  openPerCaller?: number | undefined;
  /** Urgent starts honoured per caller per hour (default DEFAULT_URGENT_PER_HOUR). */
  urgentPerHour?: number | undefined;
  /** Proof of work: highest counter at ordinary times (default DEFAULT_POW_COUNTER; 0: none asked). */
  powCounter?: number | undefined;
  /** Waiting women from which on challenges are harder (default DEFAULT_POW_FLOOD_WAITING). */
  powFloodWaiting?: number | undefined;
  retentionDays?: number | undefined;
  /** Minutes of waiting from which the board alerts (default DEFAULT_LONG_WAIT_ALERT_MINUTES). */
  longWaitAlertMinutes?: number | undefined;
  /** The weakest Argon2id parameters accepted at enrolment and password change (default moderate). */
  kdfFloor?: KdfFloor | undefined;
  /** What she may store per consultation (the rest of the limits are the sockets'). */
  limits: Limits;
  /** Runs Argon2id verification of logins off the event loop (its owner closes it). */
  verifier: PasswordVerifier;
}

/** Builds the domain services; none of them knows of sockets, HTTP or SQL. */
export async function createServices(repos: Repositories, o: ServiceOptions): Promise<Services> {
  const { sodium, clock } = o;
  const scheduler = o.scheduler ?? realScheduler;
  const kdfFloor = o.kdfFloor ?? 'moderate';
  const liveSessions = new LiveSessions(scheduler, clock);
  const counselors = new CounselorDirectory(repos.staff);
  const campaigns = new CampaignList(repos.campaigns, clock);
  const consultations = new ConsultationService(repos, sodium, clock);
  const caseLog = new CaseLogService(repos.caseLog, sodium, clock);
  const outreach = new OutreachService(repos.outreach, caseLog, sodium, clock);
  const settings = await ProgramSettingsService.load(repos.programSettings, clock, firstStartSettings(o), o.alternatives ?? { phone: '', mail: '' });
  const routing = new RoutingService({
    repos,
    sodium,
    clock,
    scheduler,
    store: o.queueStore ?? o.shared?.queueStore ?? new MemoryQueueStore(),
    options: o.routing,
    clusterRunning: o.shared ? () => o.shared?.jobLock.heldElsewhere() ?? Promise.resolve(false) : undefined,
    clientPresent: o.shared ? (id: string) => o.shared?.presence.anywhere(clientPerson(id)) ?? Promise.resolve(false) : undefined,
    incarnation: o.shared?.incarnation,
  });
  const hours = new OpeningHours(() => settings.hours(), clock, () => settings.programContacts(), () => ({
    retentionDays: settings.get().retentionDays,
    resumeCodeDays: o.resumeDays ?? 30,
  }));
  const bookingRules = new BookingRules(hours, o.interviewWeekday ?? null);
  const retention = new RetentionService(repos.retention, repos.resumeCodes, clock, o.log, settings.get().retentionDays);
  // The stored settings win over the environment's from the second start on; and every change applies at once.
  settings.onChange((s) => {
    // Rounded: a test server's 0.07 s seeded from 70 ms is 70 ms again, not 70.00000000000001.
    const ms = (seconds: number) => Math.round(seconds * 1000);
    routing.applyTimings({ offerTimeoutMs: ms(s.offerTimeoutSeconds), clientGraceMs: ms(s.clientGraceSeconds), counselorGraceMs: ms(s.counselorGraceSeconds) });
    retention.setDays(s.retentionDays);
  });
  return {
    settings,
    consultations,
    messages: new MessageService(repos.messages, o.limits),
    routing,
    presenter: new Presenter(repos, consultations, counselors, routing.router.options, clock),
    counselors,
    records: new CaseRecordService(repos.consultations, repos.caseRecords, repos.caseLog, repos.yearGoals, clock, repos.outreach, repos.distribution, repos.demand),
    caseLog,
    outreach,
    distribution: new DistributionService(repos.distribution, campaigns, sodium, clock),
    appointments: new AppointmentService(repos.consultations, repos.appointments, sodium, clock, outreach, bookingRules, repos.staff),
    calendar: new CalendarService(repos.appointments, hours, bookingRules),
    resume: new ResumeService(repos.resumeCodes, repos.consultations, sodium, clock, o.resumeDays ?? 30),
    auth: new StaffAuthService(repos, sodium, clock, liveSessions, kdfFloor, o.verifier),
    staff: new StaffLifecycle(repos, sodium, clock, liveSessions, kdfFloor),
    liveSessions,
    hours,
    starts: new StartLimit(o.startsPerHour, o.shared?.limiters),
    campaigns,
    startProofs: new StartProofs(clock, { counter: o.powCounter ?? DEFAULT_POW_COUNTER, floodWaiting: o.powFloodWaiting ?? DEFAULT_POW_FLOOD_WAITING }, () => routing.router.queueLength(), o.shared?.proofs),
    callerLedger: new CallerLedger(async (id) => (await repos.consultations.byId(id))?.status ?? null, clock, {
      openPerCaller: o.openPerCaller ?? DEFAULT_OPEN_PER_CALLER,
      urgentPerHour: o.urgentPerHour ?? DEFAULT_URGENT_PER_HOUR,
    }, o.shared && { store: o.shared.callerLedger, limiters: o.shared.limiters }),
    demand: new DemandCounter(repos.demand, clock, o.shared?.demandShares),
    retention,
  };
}

/**
 * What the first start stores as the program's settings: the environment's (or the defaults).
 * Test servers give timings in milliseconds below what an admin may set; they are kept exactly.
 */
function firstStartSettings(o: ServiceOptions): ProgramSettings {
  const r = { ...defaultRoutingOptions, ...o.routing };
  return {
    hours: o.hours ?? { mode: 'always' },
    retentionDays: o.retentionDays ?? DEFAULT_RETENTION_DAYS,
    longWaitAlertMinutes: o.longWaitAlertMinutes ?? DEFAULT_LONG_WAIT_ALERT_MINUTES,
    offerTimeoutSeconds: r.offerTimeoutMs / 1000,
    clientGraceSeconds: r.clientGraceMs / 1000,
    counselorGraceSeconds: r.counselorGraceMs / 1000,
  };
}
