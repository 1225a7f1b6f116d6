import { describe, expect, it } from 'vitest';
import { inboundSchemas } from '../protocol/events.js';
import { appointmentFindSchema, reservationCodeSchema } from '../protocol/schemas.js';
import { APPOINTMENT_STATUSES, HANDOFF_KINDS, RESERVATION_CODE_ALPHABET, RESERVATION_CODE_LENGTH } from './handoff.js';

const id = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('reservation codes', () => {
  it('the alphabet has no look-alikes and no repeats, and the schema takes exactly its characters', () => {
    expect(new Set(RESERVATION_CODE_ALPHABET).size).toBe(RESERVATION_CODE_ALPHABET.length);
    for (const ch of '01ILO') expect(RESERVATION_CODE_ALPHABET).not.toContain(ch);
    for (let c = 0x20; c < 0x7f; c++) {
      const ch = String.fromCharCode(c);
      expect(reservationCodeSchema.safeParse(ch.repeat(RESERVATION_CODE_LENGTH)).success, ch).toBe(RESERVATION_CODE_ALPHABET.includes(ch));
    }
    expect(reservationCodeSchema.safeParse('ABCDE').success).toBe(false);
    expect(reservationCodeSchema.safeParse('ABCDEFG').success).toBe(false);
    expect(reservationCodeSchema.safeParse('abcdef').success).toBe(false);
  });

  it('appointment:find reads lower case as upper, and refuses anything else', () => {
    expect(appointmentFindSchema.parse({ code: 'k7m2xq' })).toEqual({ code: 'K7M2XQ' });
    expect(inboundSchemas['appointment:find'].parse({ code: 'K7m2Xq' })).toEqual({ code: 'K7M2XQ' });
    for (const code of ['k7m2x', 'k7m2xqq', 'k7m2xo', 'k7m2xl', ' k7m2x', 'ｋ7m2xq']) {
      expect(appointmentFindSchema.safeParse({ code }).success, code).toBe(false);
    }
    expect(appointmentFindSchema.safeParse({ code: 'K7M2XQ', extra: 1 }).success).toBe(false);
  });
});

describe('hand-off schemas', () => {
  const book = { consultationId: id, kind: 'phone', startsAt: '2026-06-08T15:00:00+09:00' };

  it('handoff:book takes every kind and an instant with an offset (or Z)', () => {
    for (const kind of HANDOFF_KINDS) expect(inboundSchemas['handoff:book'].safeParse({ ...book, kind }).success, kind).toBe(true);
    expect(inboundSchemas['handoff:book'].safeParse({ ...book, startsAt: '2026-06-08T06:00:00.000Z' }).success).toBe(true);
  });

  it.each([
    ['no offset (whose 15:00?)', { ...book, startsAt: '2026-06-08T15:00:00' }],
    ['a date only', { ...book, startsAt: '2026-06-08' }],
    ['not a date', { ...book, startsAt: 'next friday' }],
    ['an unknown kind', { ...book, kind: 'callback' }],
    ['an extra field (her phone number must never travel here)', { ...book, phone: '090-0000-0000' }],
    ['a bad consultation id', { ...book, consultationId: '../x' }],
    ['a missing time', { consultationId: id, kind: 'phone' }],
  ])('handoff:book refuses %s', (_name, payload) => {
    expect(inboundSchemas['handoff:book'].safeParse(payload).success).toBe(false);
  });

  it('appointment:status takes every status and nothing else; appointment:list takes an empty object', () => {
    for (const status of APPOINTMENT_STATUSES) expect(inboundSchemas['appointment:status'].safeParse({ appointmentId: id, status }).success).toBe(true);
    expect(inboundSchemas['appointment:status'].safeParse({ appointmentId: id, status: 'missed' }).success).toBe(false);
    expect(inboundSchemas['appointment:status'].safeParse({ appointmentId: id, status: 'done', code: 'ABCDEF' }).success).toBe(false);
    expect(inboundSchemas['appointment:list'].safeParse({}).success).toBe(true);
    expect(inboundSchemas['appointment:list'].safeParse({ from: '2026-06-01' }).success).toBe(false);
  });
});
