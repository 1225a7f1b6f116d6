import type { Appointment } from '@tsunagari/shared';

/** An appointment for component tests: sato's Friday interview (4 December 2026, 14:00 Tokyo), changed by `over`. */
export const appt = (over: Partial<Appointment>): Appointment => ({
  id: 'a1',
  consultationId: 'c'.repeat(22),
  kind: 'interview',
  startsAt: '2026-12-04T05:00:00.000Z',
  endsAt: '2026-12-04T06:00:00.000Z',
  code: 'AB2C3D',
  status: 'booked',
  staffId: 'sato',
  staffName: '佐藤',
  overriddenBy: null,
  createdAt: '2026-11-30T03:00:00.000Z',
  ...over,
});
