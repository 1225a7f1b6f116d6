import { describe, expect, it } from 'vitest';
import { inboundSchemas, eventRoles } from './events.js';
import { consoleConfigSchema, enrolRequestSchema, passwordChangeRequestSchema } from './http-schemas.js';

const id = 'AAAAAAAAAAAAAAAAAAAAAA';
const key = 'B'.repeat(43);
const sig = 'C'.repeat(86);
const statement = { staffId: id, role: 'counselor', boxPublicKey: key, signPublicKey: key, keyVersion: 1, notBefore: 1, notAfter: 2 };
const list = { issuedAt: 5, entries: [{ staffId: id, keyVersion: 1, revokedAt: 4 }] };
const kdf = { salt: 'D'.repeat(22), opslimit: 3, memlimit: 268435456 };
const wrapped = 'E'.repeat(182);

describe('staff lifecycle schemas', () => {
  it('accept well-formed payloads', () => {
    expect(inboundSchemas['staff:invite'].safeParse({ username: 'sato.k', displayName: '佐藤 恵子', role: 'counselor' }).success).toBe(true);
    expect(inboundSchemas['staff:directory'].safeParse({}).success).toBe(true);
    expect(inboundSchemas['staff:activate'].safeParse({ staffId: id, signed: { statement, signature: sig } }).success).toBe(true);
    expect(inboundSchemas['staff:resign'].safeParse({ staffId: id, signed: { statement, signature: sig } }).success).toBe(true);
    expect(inboundSchemas['staff:disable'].safeParse({ staffId: id, revocations: { list, signature: sig } }).success).toBe(true);
    expect(inboundSchemas['trust:publish'].safeParse({ revocations: { list, signature: sig } }).success).toBe(true);
  });

  it('trim display names', () => {
    const parsed = inboundSchemas['staff:invite'].parse({ username: 'sato', displayName: '  佐藤 ', role: 'admin' });
    expect(parsed.displayName).toBe('佐藤');
  });

  it.each([
    ['an upper-case username', 'staff:invite', { username: 'Sato', displayName: '佐藤', role: 'counselor' }],
    ['an empty display name', 'staff:invite', { username: 'sato', displayName: '   ', role: 'counselor' }],
    ['a display name with a right-to-left override', 'staff:invite', { username: 'sato', displayName: '佐藤\u202e', role: 'counselor' }],
    ['a display name with a newline', 'staff:invite', { username: 'sato', displayName: '佐藤\n管理者', role: 'counselor' }],
    ['a 41-character display name', 'staff:invite', { username: 'sato', displayName: 'あ'.repeat(41), role: 'counselor' }],
    ['an unknown role', 'staff:invite', { username: 'sato', displayName: '佐藤', role: 'client' }],
    ['fields on the directory request', 'staff:directory', { all: true }],
    ['a statement with an extra field', 'staff:activate', { staffId: id, signed: { statement: { ...statement, displayName: 'x' }, signature: sig } }],
    ['a short signature', 'staff:activate', { staffId: id, signed: { statement, signature: 'C'.repeat(85) } }],
    ['key version 0', 'staff:resign', { staffId: id, signed: { statement: { ...statement, keyVersion: 0 }, signature: sig } }],
    ['a fractional notAfter', 'staff:resign', { staffId: id, signed: { statement: { ...statement, notAfter: 2.5 }, signature: sig } }],
    ['a bad staff id', 'staff:activate', { staffId: '../x', signed: { statement, signature: sig } }],
    ['a list entry with a reason', 'staff:disable', { staffId: id, revocations: { list: { ...list, entries: [{ ...list.entries[0], reason: 'left' }] }, signature: sig } }],
    ['a list without signature', 'staff:disable', { staffId: id, revocations: { list } }],
    ['a published list with a staff id beside it', 'trust:publish', { staffId: id, revocations: { list, signature: sig } }],
  ] as const)('reject %s', (_what, event, payload) => {
    expect(inboundSchemas[event].safeParse(payload).success).toBe(false);
  });

  it('are for admins only', () => {
    for (const e of ['staff:invite', 'staff:directory', 'staff:activate', 'staff:resign', 'staff:disable', 'trust:publish'] as const) expect(eventRoles[e]).toEqual(['admin']);
  });
});

describe('enrolment and password bodies', () => {
  const enrol = { token: key, kdf, authKey: key, boxPublicKey: key, signPublicKey: key, wrappedSecretKeys: wrapped };
  it('accept what a browser sends', () => {
    expect(enrolRequestSchema.safeParse(enrol).success).toBe(true);
    expect(passwordChangeRequestSchema.safeParse({ authKey: key, kdf, newAuthKey: key, wrappedSecretKeys: wrapped }).success).toBe(true);
  });
  it.each([
    ['a password field (the relay must never see it)', { ...enrol, password: 'x' }],
    ['a secret key in clear', { ...enrol, boxSecretKey: key }],
    ['a short wrapped blob', { ...enrol, wrappedSecretKeys: wrapped.slice(1) }],
    ['KDF limits as text', { ...enrol, kdf: { ...kdf, opslimit: '3' } }],
    ['an algorithm switch in the KDF', { ...enrol, kdf: { ...kdf, alg: 'argon2i' } }],
  ])('reject %s', (_what, body) => {
    expect(enrolRequestSchema.safeParse(body).success).toBe(false);
  });
  it('console config: an https or http relay, a 32-byte key, a floor of moderate or min', () => {
    const config = { relayUrl: 'https://relay.example', orgPublicKey: key, lockAfterMinutes: 15, kdfFloor: 'moderate' };
    expect(consoleConfigSchema.safeParse(config).success).toBe(true);
    expect(consoleConfigSchema.safeParse({ ...config, relayUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(consoleConfigSchema.safeParse({ ...config, kdfFloor: 'interactive' }).success).toBe(false);
    expect(consoleConfigSchema.safeParse({ ...config, extra: 1 }).success).toBe(false);
  });
  it('console config: a landing URL template with {campaign} once in an http(s) path, or none', () => {
    const config = { relayUrl: 'https://relay.example', orgPublicKey: key, lockAfterMinutes: 15, kdfFloor: 'moderate' };
    expect(consoleConfigSchema.safeParse({ ...config, landingUrl: 'https://www.npo.example/c/{campaign}.html' }).success).toBe(true);
    for (const landingUrl of ['https://www.npo.example/c/', 'https://www.npo.example/{campaign}/{campaign}', 'javascript:{campaign}', 'https://{campaign}.npo.example/', 'https://www.npo.example/c?x={campaign}', 'https://u:p@npo.example/{campaign}']) {
      expect(consoleConfigSchema.safeParse({ ...config, landingUrl }).success, landingUrl).toBe(false);
    }
  });
});
