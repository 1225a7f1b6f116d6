import { inviteLink, type StaffListing } from '@tsunagari/shared';
import type { SodiumSumo } from '@tsunagari/shared/crypto';
import { fingerprintsMatch, parsePendingStatement, staffKeysFingerprint, type StaffStatement } from '@tsunagari/shared/trust';
import { ja } from '../i18n/ja.js';
import type { ActivateRequest, FormResult, InviteDraft, InviteMade, OrgKeyInput, StaffKeyAction } from '../state/form-requests.js';
import { sortRows, type StaffRow } from '../state/staff-directory.js';
import { fetchRevocations } from './auth-api.js';
import { readKeyFile, signPending, signRenewal, signRevocation, withOrgSecretKey } from './org-signing.js';
import { loadSodium } from './staff-crypto.js';
import type { StaffTrust } from './staff-trust.js';
import { errorText, type WorkspaceContext, WorkspacePart } from './workspace-context.js';

const t = ja.sign;

/** One staff listing as this console sees it: her statement checked, her pending keys fingerprinted here. */
export function staffRow(sodium: SodiumSumo, trust: StaffTrust, listing: StaffListing): StaffRow {
  let check: StaffRow['check'] = null;
  if (listing.statement) {
    const verdict = trust.verify({ staffId: listing.staffId, statement: listing.statement }, [listing.role]);
    check = verdict.ok ? { ok: true, notAfter: verdict.statement.notAfter } : { ok: false, reason: verdict.reason };
  }
  const parsed = listing.pending ? parsePendingStatement(sodium, listing.pending) : null;
  const pending = parsed && parsed.staffId === listing.staffId ? { statement: parsed, fingerprint: staffKeysFingerprint(sodium, parsed) } : null;
  return { listing, check, pending };
}

/**
 * The admin's staff view: the directory, invitations, and the organisation-key actions (sign a
 * pending enrolment after the fingerprints were compared, renew, disable with a new revocation
 * list). Whatever it signs, it takes from what this console verified or computed itself, never
 * from the relay's word; the key file is opened per action and its secret key zeroed at once.
 */
export class StaffAdminController extends WorkspacePart {
  /** The directory as shown; null until loaded. */
  rows: StaffRow[] | null = null;
  private listings: StaffListing[] = [];

  constructor(
    ctx: WorkspaceContext,
    /** The relay, for the published revocation list. */
    private readonly relayUrl: () => string,
  ) {
    super(ctx);
  }

  /** Fetches the directory (admins only). */
  async load(): Promise<void> {
    const res = await this.ctx.socket.request('staff:directory', {});
    if (!res.ok) return;
    this.listings = res.data.staff;
    await this.rebuild();
  }

  /** Checks every row again (the revocation list changed, or one listing did). */
  async rebuild(): Promise<void> {
    const sodium = await loadSodium();
    this.rows = sortRows(this.listings.map((l) => staffRow(sodium, this.ctx.trust(), l)));
    this.update();
  }

  readonly invite = async (draft: InviteDraft): Promise<FormResult<InviteMade>> => {
    const res = await this.ctx.socket.request('staff:invite', draft);
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    void this.load();
    // The console's own address: the token rides in the fragment, which no server sees.
    return { ok: true, link: inviteLink(location.href, res.data.inviteToken), expiresAt: res.data.expiresAt };
  };

  /** Signs a pending enrolment, only when the digits she read out match the keys the relay holds. */
  readonly activate = async (req: ActivateRequest): Promise<FormResult> => {
    const pending = this.row(req.staffId)?.pending;
    if (!pending) return { ok: false, error: t.badPending };
    if (!fingerprintsMatch(req.typedFingerprint, pending.fingerprint)) return { ok: false, error: t.noMatch };
    const signed = await this.withOrgKey(req, (sodium, key) => signPending(sodium, key, pending.statement, Date.now()));
    if (!signed.ok) return signed;
    return this.apply(await this.ctx.socket.request('staff:activate', { staffId: req.staffId, signed: signed.value }));
  };

  /** Re-signs her current statement for another year: only one this console verifies. */
  readonly renew = async (req: StaffKeyAction): Promise<FormResult> => {
    const current = this.verifiedStatement(req.staffId);
    if (!current) return { ok: false, error: t.cannotRenew };
    const signed = await this.withOrgKey(req, (sodium, key) => signRenewal(sodium, key, current, Date.now()));
    if (!signed.ok) return signed;
    return this.apply(await this.ctx.socket.request('staff:resign', { staffId: req.staffId, signed: signed.value }));
  };

  /**
   * Disables her: the newest revocation list verified against the pinned key (the relay's, if it
   * verifies and is newer than the one held), plus her current key version, signed and sent.
   */
  readonly disable = async (req: StaffKeyAction): Promise<FormResult> => {
    const listing = this.row(req.staffId)?.listing;
    if (!listing) return { ok: false, error: errorText('UNKNOWN_STAFF') };
    const trust = this.ctx.trust();
    const refused = await this.newestList();
    if (refused) return refused;
    const keyVersion = Math.max(listing.keyVersion, this.verifiedStatement(req.staffId, true)?.keyVersion ?? 0);
    const signed = await this.withOrgKey(req, (sodium, key) => signRevocation(sodium, key, trust.revocations, { staffId: req.staffId, keyVersion }, Date.now()));
    if (!signed.ok) return signed;
    const res = await this.ctx.socket.request('staff:disable', { staffId: req.staffId, revocations: signed.value });
    if (res.ok) trust.acceptList(signed.value);
    return this.apply(res);
  };

  /** The newest revocation list held, for the admin's view: when it was signed and how many entries. */
  get list(): { issuedAt: number; entries: number } | null {
    const list = this.ctx.trust().revocations;
    return list ? { issuedAt: list.issuedAt, entries: list.entries.length } : null;
  }

  /**
   * Signs the newest verified list again with today's date and publishes it (`trust:publish`), so
   * widgets and consoles keep calling it current; the entries stay exactly as they were.
   */
  readonly republish = async (req: OrgKeyInput): Promise<FormResult> => {
    const trust = this.ctx.trust();
    const refused = await this.newestList();
    if (refused) return refused;
    const signed = await this.withOrgKey(req, (sodium, key) => signRevocation(sodium, key, trust.revocations, null, Date.now()));
    if (!signed.ok) return signed;
    const res = await this.ctx.socket.request('trust:publish', { revocations: signed.value });
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    trust.acceptList(signed.value);
    this.update();
    return { ok: true };
  };

  /**
   * Takes the relay's published list into the trust held here (kept only if it verifies against
   * the pinned key and is newer); a published list that does not verify stops the action: the
   * next list must build on every revocation the organisation signed.
   */
  private async newestList(): Promise<{ ok: false; error: string } | null> {
    const published = await fetchRevocations(this.relayUrl());
    if (!published.ok) return { ok: false, error: published.error === 'NETWORK' ? ja.auth.network : errorText(published.error) };
    const outcome = this.ctx.trust().acceptList(published.data);
    return outcome === 'bad-signature' || outcome === 'malformed' ? { ok: false, error: t.revocationsUnverified } : null;
  }

  private row(staffId: string): StaffRow | undefined {
    return this.rows?.find((r) => r.listing.staffId === staffId);
  }

  /** Her statement as verified against the pinned key now; with `anyState`, also an expired or revoked one's. */
  private verifiedStatement(staffId: string, anyState = false): StaffStatement | null {
    const listing = this.row(staffId)?.listing;
    if (!listing?.statement) return null;
    const verdict = this.ctx.trust().verify({ staffId, statement: listing.statement }, [listing.role]);
    if (verdict.ok) return verdict.statement;
    return anyState && (verdict.reason === 'expired' || verdict.reason === 'revoked') ? listing.statement.statement : null;
  }

  /** Reads the picked key file, opens it and runs `use` with the secret key (zeroed right after). */
  private async withOrgKey<T>(req: OrgKeyInput, use: (sodium: SodiumSumo, key: Uint8Array) => T): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
    const text = req.file ? await readKeyFile(req.file) : null;
    const sodium = await loadSodium();
    const result = withOrgSecretKey(sodium, text, req.passphrase, this.ctx.trust().orgKey, (key) => use(sodium, key));
    return result.ok ? result : { ok: false, error: t.keyProblems[result.problem] };
  }

  /** The relay's answer to an action: the changed listing, shown checked again. */
  private async apply(res: { ok: true; data: StaffListing } | { ok: false; error: Parameters<typeof errorText>[0] }): Promise<FormResult> {
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    this.listings = [...this.listings.filter((l) => l.staffId !== res.data.staffId), res.data];
    await this.rebuild();
    return { ok: true };
  }
}
