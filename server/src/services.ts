import type { WidgetStatus, OpeningHoursConfig } from '@tsunagari/shared';
import type { KdfFloor, SodiumSumo } from '@tsunagari/shared/crypto';
import type { Clock } from './clock.js';
import { AppointmentService } from './domain/appointments.js';
import { CaseLogService } from './domain/case-log.js';
import { CaseRecordService } from './domain/case-records.js';
import { ConsultationService } from './domain/consultations.js';
import { CounselorDirectory } from './domain/counselors.js';
import { MessageService } from './domain/messages.js';
import { OpeningHours } from './domain/opening.js';
import { ResumeService } from './domain/resume.js';
import { RetentionService } from './domain/retention.js';
import { MemoryQueueStore } from './domain/routing/memory-queue-store.js';
import type { RoutingOptions } from './domain/routing/options.js';
import { Presenter } from './domain/routing/presenters.js';
import type { QueueStore } from './domain/routing/queue-store.js';
import { RoutingService } from './domain/routing/routing-service.js';
import { StaffAuthService } from './domain/staff/auth.js';
import { StaffLifecycle } from './domain/staff/lifecycle.js';
import { LiveSessions } from './domain/staff/live-sessions.js';
import { StartLimit } from './domain/start-limit.js';
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
  appointments: AppointmentService;
  resume: ResumeService;
  auth: StaffAuthService;
  /** Invite, enrol, activate, re-sign, disable; the published revocation list. */
  staff: StaffLifecycle;
  /** Staff sessions with sockets here, for the live-socket gate. */
  liveSessions: LiveSessions;
  hours: OpeningHours;
  starts: StartLimit;
  retention: RetentionService;
}

export interface ServiceOptions {
  sodium: SodiumSumo;
  clock: Clock;
  log: Logger;
  hours?: OpeningHoursConfig | undefined;
  alternatives?: WidgetStatus['alternatives'] | undefined;
  resumeDays?: number | undefined;
  routing?: Partial<RoutingOptions> | undefined;
  scheduler?: Scheduler | undefined;
  /** Where routing keeps the queue (default: this process's memory). */
  queueStore?: QueueStore | undefined;
  startsPerHour?: number | undefined;
  retentionDays?: number | undefined;
  /** The weakest Argon2id parameters accepted at enrolment and password change (default moderate). */
  kdfFloor?: KdfFloor | undefined;
}

/** Builds the domain services; none of them knows of sockets, HTTP or SQL. */
export function createServices(repos: Repositories, o: ServiceOptions): Services {
  const { sodium, clock } = o;
  const scheduler = o.scheduler ?? realScheduler;
  const kdfFloor = o.kdfFloor ?? 'moderate';
  const liveSessions = new LiveSessions(scheduler, clock);
  const counselors = new CounselorDirectory(repos.staff);
  const consultations = new ConsultationService(repos, sodium, clock);
  const routing = new RoutingService({
    repos,
    sodium,
    clock,
    scheduler,
    store: o.queueStore ?? new MemoryQueueStore(),
    options: o.routing,
  });
  return {
    consultations,
    messages: new MessageService(repos.messages, clock),
    routing,
    presenter: new Presenter(repos, consultations, counselors, routing.router.options),
    counselors,
    records: new CaseRecordService(repos.consultations, repos.caseRecords, repos.caseLog, repos.yearGoals, clock),
    caseLog: new CaseLogService(repos.caseLog, sodium, clock),
    appointments: new AppointmentService(repos.consultations, repos.appointments, sodium, clock),
    resume: new ResumeService(repos.resumeCodes, repos.consultations, sodium, clock, o.resumeDays ?? 30),
    auth: new StaffAuthService(repos, sodium, clock, liveSessions, kdfFloor),
    staff: new StaffLifecycle(repos, sodium, clock, liveSessions, kdfFloor),
    liveSessions,
    hours: new OpeningHours(o.hours ?? { mode: 'always' }, clock, o.alternatives ?? { phone: '', mail: '' }),
    starts: new StartLimit(o.startsPerHour),
    retention: new RetentionService(repos.retention, repos.resumeCodes, clock, o.log, o.retentionDays),
  };
}
