import type { CounselorIdentity, StaffRole } from '@tsunagari/shared';
import { openSessionKey, toB64 } from '@tsunagari/shared/crypto';
import { newStaffStatement, type SignedRevocationList, signRevocationList, signStaffStatement } from '@tsunagari/shared/trust';
import sodium from 'libsodium-wrappers';
import { describe, expect, it } from 'vitest';
import { createSessionCrypto } from './session-crypto.js';

/**
 * The widget's real crypto (standard libsodium, in Node): whom it seals her keys to, and her keys
 * by epoch. The statements, lists and org keys here are made as the organisation makes them.
 */
const NOW = Date.UTC(2026, 11, 1, 1, 0, 0);
const DAY = 24 * 60 * 60 * 1000;
const CID = 'consultation-id-0001';

// Before the describe blocks below make their org keys (when the file is collected, before any
// beforeAll): with the worker's modules shared, nothing else may have readied libsodium yet.
await sodium.ready;

function newOrg() {
  const kp = sodium.crypto_sign_keypair();
  return { secretKey: kp.privateKey, publicKey: toB64(sodium, kp.publicKey) };
}

/** A counselor enrolled with her own keys, and the identity the relay would serve for her. */
function staff(org: { secretKey: Uint8Array }, over: { staffId?: string; role?: StaffRole; keyVersion?: number; notBefore?: number; validity?: number } = {}) {
  const box = sodium.crypto_box_keypair();
  const staffId = over.staffId ?? 'staff-sato-0000000001';
  const statement = newStaffStatement(
    {
      staffId,
      role: over.role ?? 'counselor',
      boxPublicKey: toB64(sodium, box.publicKey),
      signPublicKey: toB64(sodium, sodium.crypto_sign_keypair().publicKey),
      keyVersion: over.keyVersion ?? 1,
    },
    over.notBefore ?? NOW - DAY,
    over.validity,
  );
  const identity: CounselorIdentity = { staffId, statement: signStaffStatement(sodium, org.secretKey, statement) };
  return { identity, box };
}

const revoking = (org: { secretKey: Uint8Array }, issuedAt: number, staffId = 'staff-sato-0000000001'): SignedRevocationList =>
  signRevocationList(sodium, org.secretKey, { issuedAt, entries: [{ staffId, keyVersion: 1, revokedAt: issuedAt }] });

async function cryptoFor(orgKey: string, lists: unknown[] = [null], now = NOW) {
  let served = 0;
  return createSessionCrypto(orgKey, { revocations: async () => lists[Math.min(served++, lists.length - 1)], now: () => now });
}

describe('whom her keys are sealed to (the statement check, before anything is sealed)', () => {
  const org = newOrg();

  it('a counselor of her organisation, valid and not revoked: sealed to the key in the statement', async () => {
    const sato = staff(org);
    const verdict = await (await cryptoFor(org.publicKey)).verify(sato.identity);
    expect(verdict).toEqual({ ok: true, boxPublicKey: sato.identity.statement.statement.boxPublicKey });
  });

  it.each([
    ['a bad signature', () => {
      const { identity } = staff(org);
      const sig = sodium.from_base64(identity.statement.signature, sodium.base64_variants.URLSAFE_NO_PADDING);
      sig[0] = (sig[0] ?? 0) ^ 1;
      return { ...identity, statement: { ...identity.statement, signature: toB64(sodium, sig) } };
    }, 'unconfirmed'],
    ['a statement signed with another organisation’s key', () => staff(newOrg()).identity, 'unconfirmed'],
    ['keys swapped under a valid signature', () => {
      const { identity } = staff(org);
      const other = toB64(sodium, sodium.crypto_box_keypair().publicKey);
      return { ...identity, statement: { ...identity.statement, statement: { ...identity.statement.statement, boxPublicKey: other } } };
    }, 'unconfirmed'],
    ['an admin (the widget seals to counselors only)', () => staff(org, { role: 'admin' }).identity, 'unconfirmed'],
    ['a colleague’s valid statement under another staff id', () => ({ ...staff(org).identity, staffId: 'staff-other-000000001' }), 'unconfirmed'],
    ['an expired statement', () => staff(org, { notBefore: NOW - 400 * DAY }).identity, 'expired'],
    ['a statement not valid yet', () => staff(org, { notBefore: NOW + 2 * DAY }).identity, 'expired'],
    ['no statement at all', () => ({ staffId: 'staff-sato-0000000001' }) as unknown as CounselorIdentity, 'unconfirmed'],
  ] as const)('refuses %s, and says why', async (_what, make, reason) => {
    expect(await (await cryptoFor(org.publicKey)).verify(make())).toEqual({ ok: false, reason });
  });

  it('refuses a revoked counselor when the relay’s list, signed by her organisation, names her', async () => {
    const crypto = await cryptoFor(org.publicKey, [revoking(org, NOW - 1000)]);
    expect(await crypto.verify(staff(org).identity)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('keeps the newer list within the session: a relay serving an older one (or none) later cannot bring her back', async () => {
    const older = signRevocationList(sodium, org.secretKey, { issuedAt: NOW - 5000, entries: [] });
    const crypto = await cryptoFor(org.publicKey, [revoking(org, NOW - 1000), older, null]);
    const sato = staff(org).identity;
    expect((await crypto.verify(sato)).ok).toBe(false);
    expect(await crypto.verify(sato)).toEqual({ ok: false, reason: 'revoked' });
    expect(await crypto.verify(sato)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('ignores a list signed by another key (a relay cannot revoke, or un-revoke, with its own)', async () => {
    const crypto = await cryptoFor(org.publicKey, [revoking(newOrg(), NOW - 1000)]);
    expect((await crypto.verify(staff(org).identity)).ok).toBe(true);
  });

  it('goes on when no list can be fetched (a revoked key is then bounded by its notAfter)', async () => {
    const crypto = await createSessionCrypto(org.publicKey, { revocations: () => Promise.reject(new Error('offline')), now: () => NOW });
    expect((await crypto.verify(staff(org).identity)).ok).toBe(true);
  });

  it('with a malformed pinned key, nobody verifies', async () => {
    expect(await (await cryptoFor('not-a-key')).verify(staff(org).identity)).toEqual({ ok: false, reason: 'unconfirmed' });
  });
});

describe('her keys by epoch', () => {
  const org = newOrg();

  it('seals with the newest epoch; a new epoch starts seqs over and opens only with its own key', async () => {
    const crypto = await cryptoFor(org.publicKey);
    const first = crypto.seal(CID, 1, { kind: 'text', text: 'はじめ' });
    expect(first.keyEpoch).toBe(0);
    expect(crypto.rotate(0)).toBe(true);
    expect(crypto.epoch()).toBe(1);
    const second = crypto.seal(CID, 1, { kind: 'text', text: 'つぎ' });
    expect(second.keyEpoch).toBe(1);
    expect(crypto.open(CID, { ...first, senderRole: 'client' })).toEqual({ kind: 'text', text: 'はじめ' });
    expect(crypto.open(CID, { ...second, senderRole: 'client' })).toEqual({ kind: 'text', text: 'つぎ' });
    // Moved by the relay to another epoch, another consultation, or the other sender: it does not open.
    expect(crypto.open(CID, { ...second, keyEpoch: 0, senderRole: 'client' })).toBeNull();
    expect(crypto.open('consultation-id-0002', { ...second, senderRole: 'client' })).toBeNull();
    expect(crypto.open(CID, { ...second, senderRole: 'counselor' })).toBeNull();
  });

  it('seals every epoch’s key to the new counselor (so she can read the history), and only to her box key', async () => {
    const crypto = await cryptoFor(org.publicKey);
    crypto.rotate(0);
    const tanaka = staff(org, { staffId: 'staff-tanaka-00000001' });
    const sealed = crypto.sealKeysFor(tanaka.identity.statement.statement.boxPublicKey);
    expect(sealed.map((k) => k.keyEpoch)).toEqual([0, 1]);
    const keys = sealed.map((k) => openSessionKey(sodium, k.sealedKey, tanaka.box.publicKey, tanaka.box.privateKey));
    expect(keys.map((k) => toB64(sodium, k))).toEqual(crypto.exportKeys());
    const sato = staff(org);
    expect(() => openSessionKey(sodium, sealed[1]?.sealedKey ?? '', sato.box.publicKey, sato.box.privateKey)).toThrow();
  });

  it('starts a new epoch above the one the relay says was granted, and stops at the last one', async () => {
    const crypto = await cryptoFor(org.publicKey);
    expect(crypto.rotate(4)).toBe(true);
    expect(crypto.epoch()).toBe(5);
    expect(crypto.exportKeys().map((k) => k !== '')).toEqual([true, false, false, false, false, true]);
    expect(crypto.sealKeysFor(staff(org).identity.statement.statement.boxPublicKey).map((k) => k.keyEpoch)).toEqual([0, 5]);
    expect(crypto.rotate(62)).toBe(true);
    expect(crypto.rotate(0)).toBe(false);
    expect(crypto.epoch()).toBe(63);
  });

  it('a reload carries every epoch’s key; a resume code too, with an epoch never held kept in its place', async () => {
    const crypto = await cryptoFor(org.publicKey);
    crypto.rotate(1);
    const sealed = crypto.seal(CID, 3, { kind: 'text', text: 'あとで' });
    const reloaded = await cryptoFor(org.publicKey);
    reloaded.importKeys(crypto.exportKeys());
    expect(reloaded.open(CID, { ...sealed, senderRole: 'client' })).toEqual({ kind: 'text', text: 'あとで' });

    const { code, wrappedKey } = await crypto.newResumeCode();
    const other = await cryptoFor(org.publicKey);
    expect((await other.resumeKeys(code))?.unwrap(wrappedKey)).toBe(true);
    expect(other.epoch()).toBe(2);
    expect(other.exportKeys()).toEqual(crypto.exportKeys());
    expect(other.open(CID, { ...sealed, senderRole: 'client' })).toEqual({ kind: 'text', text: 'あとで' });
  });

  it('a resume code: a malformed one is refused before any request; another code’s keys do not unwrap and change nothing', async () => {
    const crypto = await cryptoFor(org.publicKey);
    expect(await crypto.resumeKeys('not a code')).toBeNull();
    const { wrappedKey } = await crypto.newResumeCode();
    const { code: otherCode } = await (await cryptoFor(org.publicKey)).newResumeCode();
    const keys = crypto.exportKeys();
    expect((await crypto.resumeKeys(otherCode))?.unwrap(wrappedKey)).toBe(false);
    expect(crypto.exportKeys()).toEqual(keys);
  });

  it('wipes every key', async () => {
    const crypto = await cryptoFor(org.publicKey);
    crypto.rotate(0);
    crypto.wipe();
    expect(crypto.exportKeys()).toEqual([]);
    expect(() => crypto.seal(CID, 1, { kind: 'text', text: 'x' })).toThrow();
  });
});
