import { beforeAll, describe, expect, it } from 'vitest';
import {
  newerRevocationList,
  parseRevocationList,
  type RevocationList,
  revocationFor,
  revocationListBytes,
  signRevocationList,
  verifyRevocationList,
} from './revocation.js';
import { DAY, NOW, errorIdOf, flipBit, newOrg, sodium } from './test-fixtures.js';

beforeAll(async () => {
  await sodium.ready;
});

const list = (): RevocationList => ({
  issuedAt: NOW,
  entries: [
    { staffId: 'tanaka', keyVersion: 1, revokedAt: NOW - DAY },
    { staffId: 'sato', keyVersion: 3, revokedAt: NOW - 2 * DAY },
    { staffId: 'sato', keyVersion: 1, revokedAt: NOW - 9 * DAY },
  ],
});

describe('revocation list encoding', () => {
  it('canonicalises entry order: any order gives the same bytes and the same signature verifies', () => {
    const org = newOrg();
    const signed = signRevocationList(sodium, org.secretKey, list());
    const shuffled = { ...signed, list: { entries: [...list().entries].reverse(), issuedAt: NOW } };
    expect(revocationListBytes(shuffled.list)).toEqual(revocationListBytes(list()));
    expect(verifyRevocationList(sodium, org.pinned, shuffled).ok).toBe(true);
    expect(signed.list.entries.map((e) => `${e.staffId}:${e.keyVersion}`)).toEqual(['sato:1', 'sato:3', 'tanaka:1']);
  });

  it('sorts by UTF-8 bytes, not UTF-16 units (an astral character sorts after U+FF5E)', () => {
    const parsed = parseRevocationList({
      issuedAt: NOW,
      entries: [
        { staffId: '𠮷田', keyVersion: 1, revokedAt: NOW },
        { staffId: '～', keyVersion: 1, revokedAt: NOW },
      ],
    });
    expect(parsed?.entries.map((e) => e.staffId)).toEqual(['～', '𠮷田']);
  });

  it('binds the entry count and every entry: dropping one changes the bytes', () => {
    const { entries } = list();
    expect(revocationListBytes({ issuedAt: NOW, entries: entries.slice(1) })).not.toEqual(revocationListBytes(list()));
  });

  it.each<[string, unknown]>([
    ['a duplicate (staffId, keyVersion)', { issuedAt: NOW, entries: [...list().entries, { staffId: 'sato', keyVersion: 3, revokedAt: NOW }] }],
    ['an extra field on the list', { ...list(), note: 'x' }],
    ['an extra field on an entry', { issuedAt: NOW, entries: [{ staffId: 'sato', keyVersion: 1, revokedAt: NOW, reason: 'left' }] }],
    ['key version 0', { issuedAt: NOW, entries: [{ staffId: 'sato', keyVersion: 0, revokedAt: NOW }] }],
    ['a non-integer issuedAt', { issuedAt: NOW + 0.5, entries: [] }],
    ['entries that are not an array', { issuedAt: NOW, entries: {} }],
    ['more than 10,000 entries', { issuedAt: NOW, entries: Array.from({ length: 10_001 }, (_, i) => ({ staffId: `s${i}`, keyVersion: 1, revokedAt: NOW })) }],
  ])('rejects %s', (_name, value) => {
    expect(parseRevocationList(value)).toBeNull();
    expect(errorIdOf(() => revocationListBytes(value as RevocationList))).toBe('BAD_STATEMENT');
  });
});

describe('verifyRevocationList', () => {
  it('accepts the organisation-signed list and freezes it', () => {
    const org = newOrg();
    const r = verifyRevocationList(sodium, org.pinned, JSON.parse(JSON.stringify(signRevocationList(sodium, org.secretKey, list()))));
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.isFrozen(r.list.entries)).toBe(true);
  });

  it('bad-signature: a list signed by another key (a relay publishing its own)', () => {
    const org = newOrg();
    const signed = signRevocationList(sodium, newOrg().secretKey, list());
    expect(verifyRevocationList(sodium, org.pinned, signed)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('bad-signature: an entry removed, the date moved on, or a signature bit flipped', () => {
    const org = newOrg();
    const signed = signRevocationList(sodium, org.secretKey, list());
    const tampered = [
      { ...signed, list: { ...signed.list, entries: signed.list.entries.filter((e) => e.staffId !== 'tanaka') } },
      { ...signed, list: { ...signed.list, issuedAt: NOW + DAY } },
      { ...signed, signature: flipBit(signed.signature, 3) },
    ];
    for (const t of tampered) expect(verifyRevocationList(sodium, org.pinned, t)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('malformed: no signature, a short one, or an extra field beside them', () => {
    const org = newOrg();
    const signed = signRevocationList(sodium, org.secretKey, list());
    for (const bad of [{ list: signed.list }, { ...signed, signature: 'AAAA' }, { ...signed, issuer: 'relay' }, 'list']) {
      expect(verifyRevocationList(sodium, org.pinned, bad)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});

describe('revocationFor and newerRevocationList', () => {
  const verified = (issuedAt: number) => {
    const org = newOrg();
    const r = verifyRevocationList(sodium, org.pinned, signRevocationList(sodium, org.secretKey, { ...list(), issuedAt }));
    if (!r.ok) throw new Error(r.reason);
    return r.list;
  };

  it('finds the entry covering a key version (same or lower), and nothing for others', () => {
    const l = verified(NOW);
    expect(revocationFor(l, { staffId: 'sato', keyVersion: 2 })).toMatchObject({ keyVersion: 3 });
    expect(revocationFor(l, { staffId: 'sato', keyVersion: 4 })).toBeNull();
    expect(revocationFor(l, { staffId: 'tanaka', keyVersion: 2 })).toBeNull();
    expect(revocationFor(l, { staffId: 'Sato', keyVersion: 1 })).toBeNull();
  });

  it('keeps the later-issued list, so a relay cannot roll back to an older one within a session', () => {
    const older = verified(NOW - DAY);
    const newer = verified(NOW);
    expect(newerRevocationList(newer, older)).toBe(newer);
    expect(newerRevocationList(older, newer)).toBe(newer);
    expect(newerRevocationList(null, older)).toBe(older);
    expect(newerRevocationList(null, null)).toBeNull();
  });
});
