import {
  type EnrolInfo,
  type EnrolRequest,
  INVITE_VALID_MS,
  type StaffInvitation,
  type StaffInvitePayload,
  type StaffListing,
} from '@tsunagari/shared';
import { KDF_FLOORS, type KdfFloor, type SodiumSumo, checkKdfParams, fromB64, randomId } from '@tsunagari/shared/crypto';
import { type SignedRevocationList, type SignedStaffStatement, parsePendingStatement } from '@tsunagari/shared/trust';
import type { Clock } from '../../clock.js';
import { errors } from '../../errors.js';
import type { Repositories } from '../../repositories/types.js';
import { hashToken, newToken } from '../tokens.js';
import type { StaffRecord } from '../types.js';
import { hashAuthKey } from './auth.js';
import type { LiveSessions } from './live-sessions.js';
import { listingOf } from './listing.js';
import { KeyedSerial } from '../routing/serial.js';
import { checkedRevocations, checkedStatement } from './trust-checks.js';

/** What the lifecycle needs done elsewhere when trust changes; the socket layer and routing listen. */
export interface StaffLifecycleEvents {
  /** A statement was signed or renewed, someone was disabled, or the revocation list changed. */
  trustChanged(staffId: string | null): void;
  /** She was disabled: out of routing, her chats back to the front of the queue. */
  disabled(staffId: string): Promise<void>;
}

/**
 * A staff account's life: invite → enrol (her browser) → activate (the admin signed, offline or
 * in her own browser) → re-sign → disable. No sockets, no SQL. Every change is one conditional
 * repository step, so concurrent admins (or the CLI beside a running relay) cannot both win.
 *
 * Within this process the changes (and {@link reconcile}) also run one at a time: each checks
 * what is stored, then writes, with awaits between. Two disables at once would otherwise both
 * check their list against the accounts disabled before either, and the later list, published
 * second, would no longer revoke the key the first one disabled.
 */
export class StaffLifecycle {
  private events: StaffLifecycleEvents | null = null;
  /** Accounts known to be disabled (and so out of routing), for {@link reconcile}. */
  private knownDisabled = new Set<string>();
  /** What trust looked like at the last {@link reconcile}: statements and the list's date. */
  private lastTrust: string | null = null;
  /** Every change and reconcile, one after another (see above). */
  private readonly changes = new KeyedSerial();

  constructor(
    private readonly repos: Pick<Repositories, 'organisation' | 'staff' | 'sessions' | 'revocations'>,
    private readonly sodium: SodiumSumo,
    private readonly clock: Clock,
    private readonly live: LiveSessions,
    /** The weakest Argon2id parameters accepted from a browser at enrolment. */
    private readonly kdfFloor: KdfFloor,
  ) {}

  /** Attaches who hears of trust changes and disables (the socket layer, routing). */
  attach(events: StaffLifecycleEvents): void {
    this.events = events;
  }

  /**
   * Invites a username: a new account, or one that is not active (restarting an enrolment, or
   * re-enabling someone disabled with key version + 1). The token is returned once; only its hash
   * is kept, for {@link INVITE_VALID_MS}.
   */
  invite(input: StaffInvitePayload): Promise<StaffInvitation> {
    return this.changes.run('staff', () => this.inviteNow(input));
  }

  private async inviteNow(input: StaffInvitePayload): Promise<StaffInvitation> {
    const token = newToken(this.sodium);
    const now = this.clock.now();
    const invite = { tokenHash: hashToken(this.sodium, token), expiresAt: new Date(now.getTime() + INVITE_VALID_MS).toISOString() };
    const existing = await this.repos.staff.byUsername(input.username);
    let staffId: string;
    if (!existing) {
      staffId = randomId(this.sodium);
      await this.repos.staff.insert({
        id: staffId, username: input.username, displayName: input.displayName, role: input.role, status: 'invited', keyVersion: 1,
        credentials: null, publicKeys: null, statement: null, invite, lastSignInDay: null, capacity: 3, createdAt: now.toISOString(),
      });
    } else {
      if (existing.status === 'active') throw errors.usernameTaken();
      // Keys uploaded or signed before are never reused under the same version.
      const keyVersion = existing.status === 'invited' ? existing.keyVersion : existing.keyVersion + 1;
      if (!(await this.repos.staff.reinvite(existing.id, { displayName: input.displayName, role: input.role, keyVersion, ...invite }))) throw errors.usernameTaken();
      staffId = existing.id;
    }
    return { staffId, inviteToken: token, expiresAt: invite.expiresAt };
  }

  /** Who an invitation is for. INVITE_INVALID when unknown, used or expired. */
  async enrolInfo(token: string): Promise<EnrolInfo> {
    const r = await this.invited(token);
    return { staffId: r.id, username: r.username, displayName: r.displayName, role: r.role, keyVersion: r.keyVersion };
  }

  /**
   * Her browser's enrolment: consumes the token and stores what it made (public keys, wrapped
   * secret keys, KDF parameters, a hash of the auth key). She is pending until an admin signs.
   */
  enrol(req: EnrolRequest): Promise<{ staffId: string }> {
    return this.changes.run('staff', () => this.enrolNow(req));
  }

  private async enrolNow(req: EnrolRequest): Promise<{ staffId: string }> {
    const r = await this.invited(req.token);
    const kdf = checkKdfParams(this.sodium, req.kdf, KDF_FLOORS[this.kdfFloor]);
    if (!kdf.ok) throw errors.weakKdf(kdf.reason);
    const keys = { boxPublicKey: req.boxPublicKey, signPublicKey: req.signPublicKey };
    if (!parsePendingStatement(this.sodium, { staffId: r.id, role: r.role, ...keys, keyVersion: r.keyVersion })) throw errors.invalidPayload('keys');
    const credentials = { kdf: kdf.params, authHash: hashAuthKey(this.sodium, fromB64(this.sodium, req.authKey)), wrappedSecretKeys: req.wrappedSecretKeys };
    if (!(await this.repos.staff.enrol(r.id, hashToken(this.sodium, req.token), this.nowIso(), credentials, keys))) throw errors.inviteInvalid();
    return { staffId: r.id };
  }

  /** Every account, for the admins' directory. */
  async directory(): Promise<StaffListing[]> {
    return (await this.repos.staff.all()).map(listingOf);
  }

  /** The admin signed her pending statement (after comparing fingerprints): she is active. */
  activate(staffId: string, signed: SignedStaffStatement): Promise<StaffListing> {
    return this.takeStatement(staffId, signed, 'pending', (r, statement) => this.repos.staff.activate(r.id, r.keyVersion, statement));
  }

  /** A renewed statement for an active account: same keys, role and key version. */
  resign(staffId: string, signed: SignedStaffStatement): Promise<StaffListing> {
    return this.takeStatement(staffId, signed, 'active', (r, statement) => this.repos.staff.replaceStatement(r.id, r.keyVersion, statement));
  }

  /** Checks a statement against her account in `status` (see trust-checks.ts), stores it, tells who listens. */
  private takeStatement(
    staffId: string,
    signed: SignedStaffStatement,
    status: 'pending' | 'active',
    store: (r: StaffRecord, statement: SignedStaffStatement) => Promise<boolean>,
  ): Promise<StaffListing> {
    return this.changes.run('staff', async () => {
      const r = await this.known(staffId);
      if (r.status !== status || !r.publicKeys) throw errors.invalidState(`not ${status}`);
      const expected = { staffId: r.id, role: r.role, keyVersion: r.keyVersion, ...r.publicKeys };
      if (!(await store(r, await checkedStatement(this.sodium, this.repos, signed, expected, this.clock.now().getTime())))) throw errors.invalidState('moved meanwhile');
      await this.told(r.id);
      return listingOf(await this.known(r.id));
    });
  }

  /**
   * Disables an active account with an organisation-signed list that revokes her key version.
   * In one transaction: disabled (credentials wiped), her sessions deleted, the list published.
   * Then at once: her sockets closed, out of routing with her chats requeued, trust:changed.
   */
  disable(staffId: string, revocations: SignedRevocationList): Promise<StaffListing> {
    return this.changes.run('staff', () => this.disableNow(staffId, revocations));
  }

  private async disableNow(staffId: string, revocations: SignedRevocationList): Promise<StaffListing> {
    const r = await this.known(staffId);
    if (r.status !== 'active') throw errors.invalidState('not active');
    const list = await checkedRevocations(this.sodium, this.repos, revocations, [{ staffId: r.id, keyVersion: r.keyVersion }]);
    const outcome = await this.repos.staff.disable(r.id, r.keyVersion, list, this.nowIso());
    if (outcome === 'stale-list') throw errors.revocationsStale();
    if (outcome === 'not-active') throw errors.invalidState('moved meanwhile');
    this.live.endAllOf(r.id);
    this.knownDisabled.add(r.id);
    await this.events?.disabled(r.id);
    await this.told(r.id);
    return listingOf(await this.known(r.id));
  }

  /** Publishes a newer list (a fresh issue date, or more entries) without disabling anyone; its issue date. */
  publishRevocations(revocations: SignedRevocationList): Promise<{ issuedAt: number }> {
    return this.changes.run('staff', async () => {
      const list = await checkedRevocations(this.sodium, this.repos, revocations, []);
      if (!(await this.repos.revocations.publish(list, this.nowIso()))) throw errors.revocationsStale();
      await this.told(null);
      return { issuedAt: list.issuedAt };
    });
  }

  /**
   * Brings this process in line with the database after a change made elsewhere (the admin CLI
   * beside the running relay), and once at start-up: sessions deleted or of accounts no longer
   * active end (their sockets close); accounts disabled since are taken out of routing with
   * their chats requeued; a changed statement or list tells the consoles `trust:changed`.
   */
  reconcile(): Promise<void> {
    return this.changes.run('staff', () => this.reconcileNow());
  }

  private async reconcileNow(): Promise<void> {
    const now = this.nowIso();
    for (const { tokenHash, staffId } of this.live.tracked()) {
      if ((await this.repos.staff.byId(staffId))?.status !== 'active' || !(await this.repos.sessions.isLive(tokenHash, now))) this.live.end(tokenHash);
    }
    const all = await this.repos.staff.all();
    const disabled = new Set(all.filter((s) => s.status === 'disabled').map((s) => s.id));
    for (const id of disabled) if (!this.knownDisabled.has(id)) await this.events?.disabled(id);
    this.knownDisabled = disabled;
    const trust = await this.trustNow(all);
    if (this.lastTrust !== null && trust !== this.lastTrust) this.events?.trustChanged(null);
    this.lastTrust = trust;
  }

  /** What trust looks like now: the list's date and every account's status and signature. */
  private async trustNow(given?: StaffRecord[]): Promise<string> {
    const all = given ?? (await this.repos.staff.all());
    return JSON.stringify([(await this.repos.revocations.current())?.issuedAt ?? null, all.map((s) => [s.id, s.status, s.statement?.signature ?? null])]);
  }

  /** A change made here was told already: {@link reconcile} must not tell it again. */
  private async told(staffId: string | null): Promise<void> {
    if (this.lastTrust !== null) this.lastTrust = await this.trustNow();
    this.events?.trustChanged(staffId);
  }

  /** The list the relay publishes, as the organisation signed it, or null. */
  async revocations(): Promise<SignedRevocationList | null> {
    return (await this.repos.revocations.current())?.signed ?? null;
  }

  private async invited(token: string): Promise<StaffRecord> {
    const r = await this.repos.staff.byInviteTokenHash(hashToken(this.sodium, token));
    if (!r || r.status !== 'invited' || !r.invite || r.invite.expiresAt <= this.nowIso()) throw errors.inviteInvalid();
    return r;
  }

  private async known(staffId: string): Promise<StaffRecord> {
    const r = await this.repos.staff.byId(staffId);
    if (!r) throw errors.unknownStaff();
    return r;
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }
}
