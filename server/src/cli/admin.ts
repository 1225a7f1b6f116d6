#!/usr/bin/env tsx
/**
 * Admin tool. Offline organisation-key commands (org:init, org:public, statement:sign,
 * revocation:sign: see org-key.ts) and records-key commands (records:init, records:public: see
 * records-key.ts) run on the admin's own machine and open no database. The
 * relay-host commands (org:register, staff:invite, staff:list, staff:pending, staff:activate,
 * staff:resign, staff:disable, revocations:publish: see relay-staff.ts) open the relay's database
 * — the SQLite file or PostgreSQL, as TSUNAGARI_DB names it, through the relay's own repositories —
 * and hold no secret. Nothing here makes or sees a staff password or a private key.
 */
import { loadConfig } from '../config.js';
import { StaffLifecycle } from '../domain/staff/lifecycle.js';
import { LiveSessions } from '../domain/staff/live-sessions.js';
import { realScheduler } from '../scheduler.js';
import { systemClock } from '../clock.js';
import { loadSodium } from '../sodium.js';
import { openStorage } from '../storage.js';
import { isOrgKeyCommand, runOrgKeyCli } from './org-key.js';
import { isRecordsKeyCommand, RECORDS_PASSPHRASE_ENV, runRecordsKeyCommand } from './records-key.js';
import { RELAY_COMMANDS, runRelayCommand } from './relay-staff.js';

const USAGE = `usage: tsunagari-admin COMMAND
  on the admin's own machine: org:init --out FILE | org:public FILE | statement:sign ... | revocation:sign ...
                              records:init --out FILE | records:public FILE
  on the relay host: ${RELAY_COMMANDS.join(' | ')}`;

async function run(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command && isOrgKeyCommand(command)) return runOrgKeyCli(command, rest); // offline: no config, no database
  if (command && isRecordsKeyCommand(command)) return runOrgKeyCli(command, rest, runRecordsKeyCommand, RECORDS_PASSPHRASE_ENV); // offline too
  if (!command || !RELAY_COMMANDS.includes(command)) throw new Error(USAGE);
  const config = loadConfig();
  const sodium = await loadSodium();
  const storage = await openStorage(config, { besideRelay: true });
  const clock = systemClock;
  const live = new LiveSessions(realScheduler, clock);
  try {
    const staff = new StaffLifecycle(storage.repos, sodium, clock, live, config.staffKdf);
    await runRelayCommand({ sodium, repos: storage.repos, staff, clock }, command, rest, (text) => process.stdout.write(text));
  } finally {
    live.stop();
    // PostgreSQL: the pool ends here, so the process exits when the command is done.
    await storage.close();
  }
}

run().catch((caught: unknown) => {
  process.stderr.write(`${caught instanceof Error ? caught.message : String(caught)}\n`);
  process.exit(1);
});
