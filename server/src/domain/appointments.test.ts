import { type Appointment, RESERVATION_CODE_ALPHABET, RESERVATION_CODE_LENGTH } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import type { AppointmentRepository } from '../repositories/types.js';
import type { Consultation } from './types.js';
import { loadSodium } from '../sodium.js';
import { AppointmentService, newReservationCode } from './appointments.js';

const sodium = await loadSodium();

describe('reservation codes', () => {
  it('are RESERVATION_CODE_LENGTH characters of the alphabet, and draws use all of it', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = newReservationCode(sodium);
      expect(code).toHaveLength(RESERVATION_CODE_LENGTH);
      for (const ch of code) seen.add(ch);
    }
    // 12 000 draws from 31 characters: a character missing by chance is ~31·(30/31)^12000, nil.
    expect([...seen].sort().join('')).toBe([...RESERVATION_CODE_ALPHABET].sort().join(''));
  });

  it('draw each character with randombytes_uniform over the whole alphabet', () => {
    const bounds: number[] = [];
    let i = 0;
    const code = newReservationCode({ randombytes_uniform: (n: number) => (bounds.push(n), [0, 30, 1, 29, 15, 8][i++] as number) });
    expect(bounds).toEqual(Array(RESERVATION_CODE_LENGTH).fill(RESERVATION_CODE_ALPHABET.length));
    expect(code).toBe('2Z3YHA');
  });
});

describe('AppointmentService.book', () => {
  const consultation: Consultation = {
    id: 'CCCCCCCCCCCCCCCCCCCCCC',
    clientTokenHash: 'x',
    status: 'active',
    campaign: null,
    urgent: false,
    queuedAt: '2026-06-05T02:00:00.000Z',
    assignedStaffId: 'sato',
    assignedAt: '2026-06-05T02:01:00.000Z',
    endedAt: null,
    endReason: null,
    endedBy: null,
  };

  /** An in-memory repository: enough to see which codes the service tries. */
  function memoryRepo(): AppointmentRepository & { all: Appointment[] } {
    const all: Appointment[] = [];
    return {
      all,
      insert: (a) => void all.push({ ...a, staffName: '佐藤' }),
      byId: (id) => all.find((a) => a.id === id) ?? null,
      bookedByCode: (code) => all.find((a) => a.code === code && a.status === 'booked') ?? null,
      latestByCode: (code) => all.filter((a) => a.code === code).at(-1) ?? null,
      startingFrom: (from) => all.filter((a) => a.startsAt >= from),
      startingBetween: (from, to) => all.filter((a) => a.startsAt >= from && a.startsAt < to),
      setStatus: () => true,
      rebook: () => true,
    };
  }

  it('draws again when the code is already booked', () => {
    const repo = memoryRepo();
    // The first two bookings draw the same six characters; the second must draw again.
    const draws = [...Array(12).fill(0), ...Array(6).fill(1)] as number[];
    const scripted = Object.assign(Object.create(sodium) as typeof sodium, { randombytes_uniform: () => draws.shift() ?? 2 });
    const service = new AppointmentService({ byId: () => consultation }, repo, scripted, { now: () => new Date('2026-06-05T03:00:00Z') }, {
      planForAppointment: () => {
        throw new Error('booking marks no visit');
      },
    });
    const first = service.book('sato', consultation.id, 'phone', '2026-06-08T15:00:00+09:00');
    const second = service.book('sato', consultation.id, 'phone', '2026-06-08T16:00:00+09:00');
    expect(first.code).toBe('222222');
    expect(second.code).toBe('333333');
    expect(draws).toEqual([]);
  });
});
