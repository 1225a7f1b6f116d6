import type pg from 'pg';
import type { Repositories } from '../types.js';
import { createPgAppointments } from './appointments.js';
import { createPgConsultations, createPgCounselors } from './consultations.js';
import { createPgHandover, createPgKeyGrants, createPgMessages } from './messages.js';
import { createPgDistribution, createPgOutreach } from './outreach.js';
import { createPgCaseLog, createPgCaseRecords } from './records.js';
import { createPgRetention } from './retention.js';
import { createPgResumeCodes, createPgServerSecrets, createPgSettings } from './settings.js';
import { createPgStaff, createPgStaffChanges } from './staff.js';

/**
 * Every PostgreSQL repository on one pool (issue 17): the async twin of createSqliteRepositories.
 * Nothing is kept in memory between calls (but active chats' rows for the sender check, dropped as
 * any node announces a change: recent-rows.ts), so any number of relay nodes may share the database.
 * The schema must be migrated first (migratePg).
 */
export function createPgRepositories(pool: pg.Pool): Repositories {
  return {
    ...createPgStaff(pool),
    staffChanges: createPgStaffChanges(pool),
    consultations: createPgConsultations(pool),
    counselors: createPgCounselors(pool),
    handover: createPgHandover(pool),
    keyGrants: createPgKeyGrants(pool),
    messages: createPgMessages(pool),
    caseRecords: createPgCaseRecords(pool),
    caseLog: createPgCaseLog(pool),
    outreach: createPgOutreach(pool),
    distribution: createPgDistribution(pool),
    ...createPgSettings(pool),
    appointments: createPgAppointments(pool),
    resumeCodes: createPgResumeCodes(pool),
    retention: createPgRetention(pool),
    serverSecrets: createPgServerSecrets(pool),
  };
}
