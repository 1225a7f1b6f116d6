import { type AgeBand, type FiscalYearReport, type FiscalYearTargets, type Outcome, type Topic, fiscalYearRange, tokyoParts } from '@tsunagari/shared';
import type { Clock } from '../clock.js';
import { errors } from '../errors.js';
import type { CaseLogRepository, CaseRecordRepository, ConsultationRepository, DemandRepository, DistributionRepository, OutreachRepository, YearGoalRepository } from '../repositories/types.js';
import { distributionSection } from './distribution-report.js';
import { buildFiscalYearReport } from './reports.js';
import { buildWaitReport } from './waits.js';

/** What a counselor enters when a chat is over: closed-list words only. */
export interface CaseRecordInput {
  topics: Topic[];
  outcome: Outcome;
  ageBand?: AgeBand | undefined;
}

/**
 * Case records (journey 2: she closes a chat with topic tags and an outcome) and the fiscal-year
 * report built from them (journey 3). Knows nothing of sockets or SQL.
 */
export class CaseRecordService {
  constructor(
    private readonly consultations: ConsultationRepository,
    private readonly records: CaseRecordRepository,
    private readonly caseLog: CaseLogRepository,
    private readonly goals: YearGoalRepository,
    private readonly clock: Clock,
    private readonly outreach: Pick<OutreachRepository, 'between'>,
    private readonly distribution: DistributionRepository,
    private readonly demand: DemandRepository,
  ) {}

  /**
   * Records (or re-records, replacing) the case record of a consultation. Only the counselor it is
   * assigned to — or was last assigned to, once it ended — may; that is usually right after the
   * end, so unlike message access an ended consultation is fine. Errors: UNKNOWN_CONSULTATION;
   * INVALID_STATE while she is waiting or when nobody ever took her up; FORBIDDEN for any other
   * counselor (the same code `ConsultationService.access` gives).
   */
  async record(staffId: string, consultationId: string, input: CaseRecordInput): Promise<{ recordedAt: string }> {
    const c = await this.consultations.byId(consultationId);
    if (!c) throw errors.unknownConsultation();
    if (c.status === 'waiting') throw errors.invalidState('still waiting');
    if (c.assignedStaffId === null) throw errors.invalidState('never taken up');
    if (c.assignedStaffId !== staffId) throw errors.forbidden('not assigned to this counselor');
    const recordedAt = this.clock.now().toISOString();
    await this.records.save(c.id, staffId, { topics: input.topics, outcome: input.outcome, ageBand: input.ageBand ?? null, recordedAt });
    return { recordedAt };
  }

  /**
   * The report of a fiscal year (the year it starts in): chats queued in it, and the case log's
   * entries dated in it as they stand now (corrected, withdrawn ones left out), and the year's
   * targets against results with the pace for today; then the distribution events dated in it.
   */
  async yearReport(fiscalYear: number): Promise<FiscalYearReport> {
    const { from, to } = fiscalYearRange(fiscalYear);
    const logged = await this.caseLog.between(`${fiscalYear}-04-01`, `${fiscalYear + 1}-03-31`);
    const distribution = await distributionSection(await this.distribution.between(`${fiscalYear}-04-01`, `${fiscalYear + 1}-03-31`), this.distribution.campaignStarts);
    const goals = {
      targets: await this.goals.targets(fiscalYear),
      visits: await this.outreach.between(`${fiscalYear}-04-01`, `${fiscalYear + 1}-03-31`),
      purgedVisits: await this.goals.purgedVisits(fiscalYear),
      distributionSets: distribution.total.sets,
      asOf: tokyoParts(this.clock.now()).ymd,
    };
    const rows = await this.records.reportRows(from.toISOString(), to.toISOString());
    const demand = await this.demand.between(`${fiscalYear}-04-01`, `${fiscalYear + 1}-03-31`);
    return { ...buildFiscalYearReport(fiscalYear, rows, logged, goals), distribution, waits: buildWaitReport(fiscalYear, rows, demand) };
  }

  /** Admin: sets a fiscal year's targets, replacing the year's earlier ones; answers what is stored. */
  async setTargets(fiscalYear: number, targets: FiscalYearTargets): Promise<{ fiscalYear: number; targets: FiscalYearTargets }> {
    await this.goals.setTargets(fiscalYear, targets);
    return { fiscalYear, targets: await this.goals.targets(fiscalYear) };
  }
}
