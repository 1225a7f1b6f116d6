/**
 * Staff lifecycle commands for the relay host, for scripts (the console's admin view does the
 * same): they run the relay's own StaffLifecycle on its database. Nothing secret is here: signing
 * happens offline with `statement:sign` / `revocation:sign` (org-key.ts) on the admin's machine.
 *   org:register --name NAME (--public-key KEY | --key-file ORG.key)   the org PUBLIC key only
 *   staff:invite --username U --name NAME --role R [--console-url URL]
 *   staff:list [--json]
 *   staff:pending [--username U] --json      pending statements for statement:sign --in
 *   staff:activate --in SIGNED.json          (also staff:resign, for a renewed statement)
 *   staff:disable --username U --revocations LIST.json
 *   revocations:publish --in LIST.json       a newer list without disabling anyone
 * A relay that is running notices these changes within seconds (its reconciler): sockets of a
 * disabled member close, her chats go back to the queue, consoles are told trust changed.
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { inviteLink, signedRevocationListSchema, signedStatementSchema, staffInviteSchema } from '@tsunagari/shared';
import { type SodiumSumo, parseOrgKeyFile } from '@tsunagari/shared/crypto';
import { pinOrgKey } from '@tsunagari/shared/trust';
import type { Clock } from '../clock.js';
import type { StaffLifecycle } from '../domain/staff/lifecycle.js';
import { DomainError } from '../errors.js';
import type { Repositories } from '../repositories/types.js';

const OPTIONS = {
  name: { type: 'string' },
  'public-key': { type: 'string' },
  'key-file': { type: 'string' },
  username: { type: 'string' },
  role: { type: 'string' },
  'console-url': { type: 'string' },
  in: { type: 'string' },
  revocations: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The commands this file owns. */
export const RELAY_COMMANDS = ['org:register', 'staff:invite', 'staff:list', 'staff:pending', 'staff:activate', 'staff:resign', 'staff:disable', 'revocations:publish'];

async function readJson(file: string | undefined, what: string): Promise<unknown> {
  if (!file) throw new Error(`${what} is missing`);
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    throw new Error(`${file} is not readable JSON`);
  }
}

/** Runs one relay command; prints to `out`. Throws Error with a readable message (DomainError codes kept). */
export async function runRelayCommand(
  ctx: { sodium: SodiumSumo; repos: Repositories; staff: StaffLifecycle; clock: Clock },
  command: string,
  args: string[],
  out: (text: string) => void,
): Promise<void> {
  const { values: v } = parseArgs({ args, options: OPTIONS });
  const { sodium, repos, staff } = ctx;
  const byUsername = async (username: string | undefined) => {
    const r = username ? await repos.staff.byUsername(username) : null;
    if (!r) throw new Error(`no staff member ${username ?? '(--username missing)'}`);
    return r;
  };
  try {
    if (command === 'org:register') {
      if (await repos.organisation.get()) throw new Error('the organisation is already registered');
      const key = v['public-key'] ?? (v['key-file'] ? parseOrgKeyFile(sodium, await fs.readFile(v['key-file'], 'utf8')).publicKey : undefined);
      if (!key || !v.name) throw new Error('org:register needs --name and --public-key KEY (or --key-file ORG.key, read without its passphrase)');
      pinOrgKey(sodium, key);
      await repos.organisation.create(v.name, key, ctx.clock.now().toISOString());
      out(`organisation registered with public key ${key}\n`);
    } else if (command === 'staff:invite') {
      const input = staffInviteSchema.safeParse({ username: v.username, displayName: v.name, role: v.role });
      if (!input.success) throw new Error('staff:invite needs --username (a-z 0-9 . _ -), --name and --role counselor|supervisor|admin');
      const inv = await staff.invite(input.data);
      const link = v['console-url'] ? inviteLink(v['console-url'], inv.inviteToken) : `<console URL>#invite=${inv.inviteToken}`;
      out(`invited ${input.data.username} (${inv.staffId}) until ${inv.expiresAt}\nlink (pass it on privately, it works once): ${link}\n`);
    } else if (command === 'staff:list') {
      const list = await staff.directory();
      out(v.json ? `${JSON.stringify(list)}\n` : list.map((s) => `${s.username}\t${s.role}\t${s.status}\tv${s.keyVersion}\t${s.lastSignInDay ?? '-'}\n`).join(''));
    } else if (command === 'staff:pending') {
      if (!v.json) throw new Error('staff:pending prints JSON for statement:sign: add --json');
      const pending = (await staff.directory()).filter((s) => s.pending && (!v.username || s.username === v.username));
      if (v.username && pending.length === 0) throw new Error(`${v.username} has no pending enrolment`);
      out(`${JSON.stringify(v.username ? pending[0]?.pending : pending.map((s) => ({ username: s.username, displayName: s.displayName, pending: s.pending })))}\n`);
    } else if (command === 'staff:activate' || command === 'staff:resign') {
      const signed = signedStatementSchema.safeParse(await readJson(v.in, 'the signed statement (--in FILE)'));
      if (!signed.success) throw new Error('the file is not a signed statement {statement, signature}');
      const id = signed.data.statement.staffId;
      const listing = command === 'staff:activate' ? await staff.activate(id, signed.data) : await staff.resign(id, signed.data);
      out(`${listing.username} is ${listing.status}, statement valid until ${new Date(listing.statement?.statement.notAfter ?? 0).toISOString()}\n`);
    } else if (command === 'staff:disable') {
      const target = await byUsername(v.username);
      const list = signedRevocationListSchema.safeParse(await readJson(v.revocations, 'the signed revocation list (--revocations FILE)'));
      if (!list.success) throw new Error('the file is not a signed revocation list {list, signature}');
      const listing = await staff.disable(target.id, list.data);
      out(`${listing.username} is ${listing.status}; the list is published\n`);
    } else if (command === 'revocations:publish') {
      const list = signedRevocationListSchema.safeParse(await readJson(v.in, 'the signed revocation list (--in FILE)'));
      if (!list.success) throw new Error('the file is not a signed revocation list {list, signature}');
      await staff.publishRevocations(list.data);
      out('the revocation list is published\n');
    } else {
      throw new Error(`unknown command ${command}`);
    }
  } catch (caught) {
    if (caught instanceof DomainError) throw new Error(`${caught.code}: ${caught.message === caught.code ? command : caught.message}`);
    throw caught;
  }
}
