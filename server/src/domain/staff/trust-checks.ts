import type { StaffRole } from '@tsunagari/shared';
import type { Sodium } from '@tsunagari/shared/crypto';
import {
  type PinnedOrgKey,
  type SignedRevocationList,
  type SignedStaffStatement,
  type VerifiedRevocationList,
  parseRevocationList,
  parseStaffStatement,
  pinOrgKey,
  revocationFor,
  verifyRevocationList,
  verifyStaffStatement,
} from '@tsunagari/shared/trust';
import { errors } from '../../errors.js';
import type { Repositories } from '../../repositories/types.js';
import type { StaffPublicKeys } from '../types.js';

/**
 * The relay's sanity checks on what an admin signed. The relay is not trusted by anyone who
 * relies on these (every browser verifies against its own pinned key); the checks only keep an
 * admin's mistake, or a tampered upload, from being stored and served as if it were fine.
 */

const ALL_ROLES: readonly StaffRole[] = ['counselor', 'supervisor', 'admin'];

/** The organisation key as the relay's own database holds it. */
export async function storedOrgKey(sodium: Sodium, repos: Pick<Repositories, 'organisation'>): Promise<PinnedOrgKey> {
  const org = await repos.organisation.get();
  if (!org) throw errors.invalidState('no organisation');
  return pinOrgKey(sodium, org.signPublicKey);
}

/** The published list, verified against the stored key, or null (none, or it no longer verifies). */
export async function publishedList(sodium: Sodium, repos: Pick<Repositories, 'organisation' | 'revocations'>): Promise<VerifiedRevocationList | null> {
  const stored = await repos.revocations.current();
  if (!stored) return null;
  const verdict = verifyRevocationList(sodium, await storedOrgKey(sodium, repos), stored.signed);
  return verdict.ok ? verdict.list : null;
}

/** What the statement must say: exactly her id, role, keys and key version. */
export interface ExpectedStatement extends StaffPublicKeys {
  staffId: string;
  role: StaffRole;
  keyVersion: number;
}

/**
 * Checks a signed statement against what the relay holds for her and against the organisation
 * key: INVALID_PAYLOAD when it is not canonical, STATEMENT_MISMATCH when it is about other keys,
 * another id, role or key version, or its validity has ended (or not begun), BAD_SIGNATURE when
 * the organisation did not sign it. Returns it in canonical form, as it will be stored.
 */
export async function checkedStatement(
  sodium: Sodium,
  repos: Pick<Repositories, 'organisation' | 'revocations'>,
  signed: SignedStaffStatement,
  expected: ExpectedStatement,
  now: number,
): Promise<SignedStaffStatement> {
  const statement = parseStaffStatement(sodium, signed.statement);
  if (!statement) throw errors.invalidPayload('statement not canonical');
  const same =
    statement.staffId === expected.staffId &&
    statement.role === expected.role &&
    statement.boxPublicKey === expected.boxPublicKey &&
    statement.signPublicKey === expected.signPublicKey &&
    statement.keyVersion === expected.keyVersion;
  if (!same) throw errors.statementMismatch('not about the keys on file');
  const verdict = verifyStaffStatement(sodium, signed, {
    orgKey: await storedOrgKey(sodium, repos),
    acceptRoles: ALL_ROLES,
    now,
    revocations: await publishedList(sodium, repos),
  });
  if (!verdict.ok) {
    if (verdict.reason === 'bad-signature') throw errors.badSignature();
    if (verdict.reason === 'malformed') throw errors.invalidPayload('statement malformed');
    throw errors.statementMismatch(verdict.reason);
  }
  return { statement: verdict.statement, signature: signed.signature };
}

/**
 * Checks a revocation list an admin signed: it verifies against the organisation key
 * (BAD_SIGNATURE; INVALID_PAYLOAD when malformed), is newer than the published one
 * (REVOCATIONS_STALE), and still revokes everything the published list did and every disabled
 * account's key version, plus `mustRevoke` (NOT_REVOKED): an admin cannot un-revoke by mistake.
 */
export async function checkedRevocations(
  sodium: Sodium,
  repos: Pick<Repositories, 'organisation' | 'revocations' | 'staff'>,
  signed: SignedRevocationList,
  mustRevoke: { staffId: string; keyVersion: number }[],
): Promise<{ signed: SignedRevocationList; issuedAt: number; basedOn: number | null }> {
  const verdict = verifyRevocationList(sodium, await storedOrgKey(sodium, repos), signed);
  if (!verdict.ok) throw verdict.reason === 'bad-signature' ? errors.badSignature() : errors.invalidPayload('list malformed');
  const list = verdict.list;
  const published = await repos.revocations.current();
  if (published && list.issuedAt <= published.issuedAt) throw errors.revocationsStale();
  const before = published ? (parseRevocationList(published.signed.list)?.entries ?? []) : [];
  const disabled = (await repos.staff.all()).filter((s) => s.status === 'disabled' && s.statement).map((s) => ({ staffId: s.id, keyVersion: s.statement?.statement.keyVersion ?? s.keyVersion }));
  for (const key of [...mustRevoke, ...before, ...disabled]) {
    if (!revocationFor(list, key)) throw errors.notRevoked(`${key.staffId} v${key.keyVersion}`);
  }
  // Published only over the list checked here: another node's (or the CLI's) list published in
  // between may revoke a key this one does not.
  return { signed: { list: { issuedAt: list.issuedAt, entries: [...list.entries] }, signature: signed.signature }, issuedAt: list.issuedAt, basedOn: published?.issuedAt ?? null };
}
