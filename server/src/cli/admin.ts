#!/usr/bin/env tsx
/**
 * Admin tool: creates the organisation key and staff accounts.
 *   tsunagari-admin org:init --name "NPO name"
 *   tsunagari-admin staff:add --username sato --name 佐藤 --role counselor   (password read from TSUNAGARI_PASSWORD or stdin)
 * Uses the same provisioning code as the demo seed.
 */
import { parseArgs } from 'node:util';
import { createOrganisation, provisionStaff } from '../admin/provision.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { createSqliteRepositories } from '../repositories/sqlite.js';
import { loadSodium } from '../sodium.js';
import { isOrgKeyCommand, runOrgKeyCli } from './org-key.js';

async function readPassword(): Promise<string> {
  if (process.env.TSUNAGARI_PASSWORD) return process.env.TSUNAGARI_PASSWORD;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function run(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command && isOrgKeyCommand(command, rest)) return runOrgKeyCli(command, rest); // offline: no config, no database
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' }, capacity: { type: 'string' } },
  });
  const config = loadConfig();
  const sodium = await loadSodium();
  const db = openDatabase(config.dbPath);
  const repos = createSqliteRepositories(db);
  try {
    if (command === 'org:init') {
      const key = createOrganisation(sodium, repos, config.orgKeyFile, values.name ?? 'organisation', new Date());
      process.stdout.write(`organisation public key (pin it in the embed snippet's org-key): ${key}\n`);
    } else if (command === 'staff:add') {
      const role = values.role;
      if (!values.username || !values.name || (role !== 'counselor' && role !== 'supervisor' && role !== 'admin')) {
        throw new Error('staff:add needs --username, --name and --role counselor|supervisor|admin');
      }
      const password = await readPassword();
      if (password.length < 12) throw new Error('password must have at least 12 characters');
      const staff = provisionStaff(
        sodium,
        repos,
        config.orgKeyFile,
        { username: values.username, displayName: values.name, role, password, kdf: config.staffKdf, capacity: Number(values.capacity ?? 3) },
        new Date(),
      );
      process.stdout.write(`created ${staff.role} ${staff.username} (${staff.id})\n`);
    } else {
      throw new Error('usage: tsunagari-admin org:init --name NAME | staff:add --username U --name N --role R');
    }
  } finally {
    db.close();
  }
}

run().catch((caught: unknown) => {
  process.stderr.write(`${caught instanceof Error ? caught.message : String(caught)}\n`);
  process.exit(1);
});
