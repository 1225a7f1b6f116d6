import type { Db } from '../db/database.js';
import { createSqliteAppointments } from './appointments.js';
import { createSqliteCampaigns } from './campaigns.js';
import { createSqliteCaseLog } from './case-log.js';
import { createSqliteCaseRecords } from './case-records.js';
import { createSqliteConsultations } from './consultations.js';
import { createSqliteDistribution } from './distribution.js';
import { createSqliteCounselors } from './counselors.js';
import { createSqliteDemand } from './demand.js';
import { createSqliteHandover } from './handover.js';
import { createSqliteKeyGrants, createSqliteMessages } from './messages.js';
import { createSqliteOutreach } from './outreach.js';
import { createSqliteResumeCodes } from './resume.js';
import { createSqliteRetention } from './retention.js';
import { createSqliteServerSecrets } from './server-secrets.js';
import { createSqliteYearGoals } from './year-goals.js';
import { createSqliteProgramSettings } from './program-settings.js';
import { createSqliteStaff, createSqliteStaffChanges } from './staff.js';
import type { Repositories } from './types.js';

/**
 * Every SQLite repository, with statements prepared once: the one place they are built. Make one
 * set per database handle for the server (its consultation repository keeps rows in memory and
 * must be their only writer); tools that only add staff may make their own.
 */
export function createSqliteRepositories(db: Db): Repositories {
  return {
    ...createSqliteStaff(db),
    staffChanges: createSqliteStaffChanges(db),
    consultations: createSqliteConsultations(db),
    counselors: createSqliteCounselors(db),
    handover: createSqliteHandover(db),
    campaigns: createSqliteCampaigns(db),
    keyGrants: createSqliteKeyGrants(db),
    messages: createSqliteMessages(db),
    caseRecords: createSqliteCaseRecords(db),
    caseLog: createSqliteCaseLog(db),
    yearGoals: createSqliteYearGoals(db),
    outreach: createSqliteOutreach(db),
    distribution: createSqliteDistribution(db),
    demand: createSqliteDemand(db),
    programSettings: createSqliteProgramSettings(db),
    appointments: createSqliteAppointments(db),
    resumeCodes: createSqliteResumeCodes(db),
    retention: createSqliteRetention(db),
    serverSecrets: createSqliteServerSecrets(db),
  };
}
