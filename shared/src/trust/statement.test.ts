import { beforeAll, describe, expect, it } from 'vitest';
import { fromB64, toB64 } from '../crypto/sodium.js';
import {
  DEFAULT_STATEMENT_VALIDITY_MS,
  newStaffStatement,
  parsePendingStatement,
  parseStaffStatement,
  signStaffStatement,
  staffStatementBytes,
  STATEMENT_TAG,
} from './statement.js';
import { DAY, NOW, errorIdOf, newOrg, sodium, statementFor } from './test-fixtures.js';

beforeAll(async () => {
  await sodium.ready;
});

describe('staff statement canonical encoding', () => {
  it('lays out tag and fields length-prefixed in the documented order', () => {
    const s = statementFor('ab');
    const bytes = staffStatementBytes(sodium, s);
    const view = new DataView(bytes.buffer);
    let at = 0;
    const fields: Uint8Array[] = [];
    while (at < bytes.length) {
      const len = view.getUint32(at);
      fields.push(bytes.slice(at + 4, at + 4 + len));
      at += 4 + len;
    }
    expect(at).toBe(bytes.length);
    const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
    expect(fields.map((f) => f.length)).toEqual([STATEMENT_TAG.length, 2, 9, 32, 32, 8, 8, 8]);
    expect([text(fields[0]), text(fields[1]), text(fields[2])]).toEqual([STATEMENT_TAG, 'ab', 'counselor']);
    expect(fields[3]).toEqual(fromB64(sodium, s.boxPublicKey));
    expect(fields[4]).toEqual(fromB64(sodium, s.signPublicKey));
    expect(new DataView((fields[6] as Uint8Array).buffer).getBigUint64(0)).toBe(BigInt(NOW));
  });

  it('gives the same bytes whatever order the JSON keys came in', () => {
    const s = statementFor();
    const reordered = JSON.parse(
      `{"notAfter":${s.notAfter},"keyVersion":1,"signPublicKey":"${s.signPublicKey}","role":"counselor",` +
        `"staffId":"${s.staffId}","notBefore":${s.notBefore},"boxPublicKey":"${s.boxPublicKey}"}`,
    );
    expect(staffStatementBytes(sodium, reordered)).toEqual(staffStatementBytes(sodium, s));
  });

  it('is injective where a delimiter-joined string would not be: moving bytes between fields changes the bytes', () => {
    const s = statementFor('sato|counselor');
    const t = { ...s, staffId: 'sato', role: 'counselor' as const };
    expect(staffStatementBytes(sodium, t)).not.toEqual(staffStatementBytes(sodium, s));
  });

  it('defaults to one year of validity from now', () => {
    const s = statementFor();
    expect(s.notBefore).toBe(NOW);
    expect(s.notAfter - s.notBefore).toBe(DEFAULT_STATEMENT_VALIDITY_MS);
    expect(DEFAULT_STATEMENT_VALIDITY_MS).toBe(365 * DAY);
    expect(newStaffStatement(s, NOW, 30 * DAY).notAfter).toBe(NOW + 30 * DAY);
  });
});

describe('parseStaffStatement rejects what is not canonical', () => {
  const base = () => statementFor() as unknown as Record<string, unknown>;
  const key33 = () => toB64(sodium, sodium.randombytes_buf(33));

  it.each<[string, (s: Record<string, unknown>) => unknown]>([
    ['an extra field', (s) => ({ ...s, displayName: '佐藤' })],
    ['a missing field', ({ notAfter: _n, ...s }) => s],
    ['an unknown role', (s) => ({ ...s, role: 'client' })],
    ['a role in other case', (s) => ({ ...s, role: 'Counselor' })],
    ['an empty staff id', (s) => ({ ...s, staffId: '' })],
    ['a staff id that is too long', (s) => ({ ...s, staffId: 'x'.repeat(129) })],
    ['a box key of the wrong length', (s) => ({ ...s, boxPublicKey: key33() })],
    ['a sign key that is not base64url', (s) => ({ ...s, signPublicKey: '+/'.repeat(22) })],
    ['a key with padding', (s) => ({ ...s, boxPublicKey: `${s.boxPublicKey}=` })],
    ['a key spelled non-canonically (spare low bits set)', (s) => ({ ...s, boxPublicKey: nonCanonical(s.boxPublicKey as string) })],
    ['key version 0', (s) => ({ ...s, keyVersion: 0 })],
    ['a fractional key version', (s) => ({ ...s, keyVersion: 1.5 })],
    ['a key version given as text', (s) => ({ ...s, keyVersion: '1' })],
    ['a negative notBefore', (s) => ({ ...s, notBefore: -1 })],
    ['a notAfter past 2^53', (s) => ({ ...s, notAfter: 2 ** 53 })],
    ['notAfter equal to notBefore', (s) => ({ ...s, notAfter: s.notBefore })],
    ['an array', () => []],
    ['null', () => null],
  ])('%s', (_name, mutate) => {
    expect(parseStaffStatement(sodium, mutate(base()))).toBeNull();
  });

  it('accepts the statement as made, and returns a frozen copy', () => {
    const s = statementFor();
    const parsed = parseStaffStatement(sodium, s);
    expect(parsed).toEqual(s);
    expect(parsed).not.toBe(s);
    expect(Object.isFrozen(parsed)).toBe(true);
  });
});

describe('parsePendingStatement', () => {
  it('accepts exactly the five pending fields and checks them like a statement', () => {
    const { notBefore: _b, notAfter: _a, ...pending } = statementFor();
    expect(parsePendingStatement(sodium, pending)).toEqual(pending);
    expect(parsePendingStatement(sodium, { ...pending, notAfter: NOW })).toBeNull();
    expect(parsePendingStatement(sodium, { ...pending, role: 'root' })).toBeNull();
    expect(parsePendingStatement(sodium, { ...pending, boxPublicKey: pending.signPublicKey.slice(2) })).toBeNull();
  });
});

describe('signStaffStatement', () => {
  it('signs the canonical bytes with the organisation key', () => {
    const org = newOrg();
    const signed = signStaffStatement(sodium, org.secretKey, statementFor());
    const ok = sodium.crypto_sign_verify_detached(
      fromB64(sodium, signed.signature),
      staffStatementBytes(sodium, signed.statement),
      org.pinned.publicKey,
    );
    expect(ok).toBe(true);
  });

  it('refuses to sign a malformed statement, with a coded error', () => {
    const org = newOrg();
    const bad = { ...statementFor(), keyVersion: 0 };
    expect(errorIdOf(() => signStaffStatement(sodium, org.secretKey, bad))).toBe('BAD_STATEMENT');
  });
});

/** The same 32 bytes spelled with the last character's unused low bits set. */
function nonCanonical(b64: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(b64.at(-1) as string);
  return b64.slice(0, -1) + alphabet[last | 1];
}
