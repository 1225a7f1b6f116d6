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

  /** An in-memory repository: enough to see which codes the service tries; one booked appointment per code, as the unique index keeps it. */
  function memoryRepo(): AppointmentRepository & { all: Appointment[] } {
    const all: Appointment[] = [];
    return {
      all,
      insert: async (a) => {
        if (all.some((b) => b.code === a.code && b.status === 'booked')) throw new Error('UNIQUE constraint failed: appointment.code');
        all.push({ ...a, staffName: '佐藤' });
      },
      byId: async (id) => all.find((a) => a.id === id) ?? null,
      bookedByCode: async (code) => all.find((a) => a.code === code && a.status === 'booked') ?? null,
      latestByCode: async (code) => all.filter((a) => a.code === code).at(-1) ?? null,
      startingFrom: async (from) => all.filter((a) => a.startsAt >= from),
      startingBetween: async (from, to) => all.filter((a) => a.startsAt >= from && a.startsAt < to),
      setStatus: async () => true,
      rebook: async () => true,
      version: async () => 0,
      change: async () => 'changed',
    };
  }

  /** The first two bookings draw the same six characters; the second must draw again. */
  function scriptedService(repo: AppointmentRepository) {
    const draws = [...Array(12).fill(0), ...Array(6).fill(1)] as number[];
    const scripted = Object.assign(Object.create(sodium) as typeof sodium, { randombytes_uniform: () => draws.shift() ?? 2 });
    const service = new AppointmentService({ byId: async () => consultation }, repo, scripted, { now: () => new Date('2026-06-05T03:00:00Z') }, {
      planForAppointment: () => {
        throw new Error('booking marks no visit');
      },
    });
    return { service, draws };
  }

  it('draws again when the code is already booked', async () => {
    const { service, draws } = scriptedService(memoryRepo());
    const first = await service.book('sato', consultation.id, 'phone', '2026-06-08T15:00:00+09:00');
    const second = await service.book('sato', consultation.id, 'phone', '2026-06-08T16:00:00+09:00');
    expect(first.code).toBe('222222');
    expect(second.code).toBe('333333');
    expect(draws).toEqual([]);
  });

  it('two bookings at once drawing the same code: the one that stores second is refused by the code and draws again', async () => {
    const repo = memoryRepo();
    const { service, draws } = scriptedService(repo);
    // Both check the code before either stored it: the second insert is refused, and it draws again.
    const [first, second] = await Promise.all([
      service.book('sato', consultation.id, 'phone', '2026-06-08T15:00:00+09:00'),
      service.book('sato', consultation.id, 'phone', '2026-06-08T16:00:00+09:00'),
    ]);
    expect([first.code, second.code]).toEqual(['222222', '333333']);
    expect(repo.all.map((a) => a.code)).toEqual(['222222', '333333']);
    expect(draws).toEqual([]);
  });
});
