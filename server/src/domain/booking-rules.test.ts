import { PROGRAM_HOURS } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { tempDatabases } from '../../test/temp-database.js';
import { createSqliteRepositories } from '../repositories/sqlite.js';
import { loadSodium } from '../sodium.js';
import { AppointmentService } from './appointments.js';
import { BookingRules } from './booking-rules.js';
import { CaseLogService } from './case-log.js';
import { OutreachService } from './outreach.js';
import { OpeningHours } from './opening.js';

/** The real outreach service on the test's database (setStatus asks it whether a visit changes). */
const visitsOf = (repos: ReturnType<typeof createSqliteRepositories>) => new OutreachService(repos.outreach, new CaseLogService(repos.caseLog, sodium, clock), sodium, clock);


const sodium = await loadSodium();
/** An instant given in Tokyo local time. */
const tokyo = (local: string) => new Date(`${local}+09:00`);
const clock = { now: () => tokyo('2026-11-30T12:00:00') }; // a Monday
const hours = new OpeningHours(() => PROGRAM_HOURS, clock, { phone: '', mail: '' }, () => ({ retentionDays: 90, resumeCodeDays: 30 }));
const FRIDAY = 5;

/** The coded refusal a check throws, or 'ok'. */
function outcome(rules: BookingRules, kind: 'interview' | 'phone', start: string, minutes = 60, waivers = {}): string {
  try {
    const at = tokyo(start);
    rules.check(kind, at, new Date(at.getTime() + minutes * 60_000), waivers);
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
}

describe('BookingRules: the program’s rules for a booking', () => {
  const rules = new BookingRules(hours, FRIDAY);

  it('interviews on Fridays; another day only once the warning is confirmed; other kinds any open day', () => {
    expect(outcome(rules, 'interview', '2026-12-04T14:00:00')).toBe('ok'); // Friday
    expect(outcome(rules, 'interview', '2026-12-03T14:00:00')).toBe('NOT_INTERVIEW_DAY'); // Thursday
    expect(outcome(rules, 'interview', '2026-12-03T14:00:00', 60, { offDayConfirmed: true })).toBe('ok');
    expect(outcome(rules, 'phone', '2026-12-03T14:00:00')).toBe('ok');
    // The interview day is a setting: Wednesdays here, and none at all.
    expect(outcome(new BookingRules(hours, 3), 'interview', '2026-12-02T14:00:00')).toBe('ok');
    expect(outcome(new BookingRules(hours, 3), 'interview', '2026-12-04T14:00:00')).toBe('NOT_INTERVIEW_DAY');
    expect(outcome(new BookingRules(hours, null), 'interview', '2026-12-01T14:00:00')).toBe('ok');
  });

  it('refuses holidays (a substitute holiday too), closure days and times outside the hours, each with its code', () => {
    expect(outcome(rules, 'phone', '2026-05-06T14:00:00')).toBe('BOOKING_HOLIDAY'); // 振替休日
    expect(outcome(rules, 'phone', '2026-11-23T14:00:00')).toBe('BOOKING_HOLIDAY'); // 勤労感謝の日
    expect(outcome(rules, 'phone', '2026-12-29T14:00:00')).toBe('BOOKING_CLOSED_DAY');
    expect(outcome(rules, 'phone', '2026-12-05T14:00:00')).toBe('BOOKING_OUTSIDE_HOURS'); // Saturday
    expect(outcome(rules, 'phone', '2026-12-04T09:59:00')).toBe('BOOKING_OUTSIDE_HOURS');
    expect(outcome(rules, 'phone', '2026-12-04T19:01:00')).toBe('BOOKING_OUTSIDE_HOURS');
    expect(outcome(rules, 'phone', '2026-12-04T10:00:00')).toBe('ok');
    expect(outcome(rules, 'phone', '2026-12-04T19:00:00')).toBe('ok');
    // A Saturday interview: the hours are told first (the warning would not help).
    expect(outcome(rules, 'interview', '2026-12-05T14:00:00', 60, { offDayConfirmed: true })).toBe('BOOKING_OUTSIDE_HOURS');
  });

  it('an override lets the hours pass, says it was needed only when it was, and leaves the interview day to its warning', () => {
    const at = tokyo('2026-12-05T14:00:00');
    const end = new Date(at.getTime() + 3_600_000);
    expect(rules.check('phone', at, end, { override: true })).toEqual({ overridden: true });
    expect(rules.check('phone', tokyo('2026-12-04T14:00:00'), tokyo('2026-12-04T15:00:00'), { override: true })).toEqual({ overridden: false });
    expect(outcome(rules, 'interview', '2026-12-05T14:00:00', 60, { override: true })).toBe('NOT_INTERVIEW_DAY');
    expect(outcome(rules, 'phone', '2026-05-06T14:00:00', 60, { override: true })).toBe('ok');
  });
});

describe('AppointmentService with the rules and a real SQLite file: one counselor, no overlaps', () => {
  const freshDatabase = tempDatabases('booking');

  async function setup() {
    const db = freshDatabase();
    const repos = createSqliteRepositories(db);
    // Invited staff rows are enough for the foreign keys.
    const staff = db.prepare(`INSERT INTO staff (id, username, display_name, role, status, key_version, created_at) VALUES (?, ?, ?, ?, 'invited', 1, '2026-01-01')`);
    staff.run('sato-000000000000000001', 'sato', '佐藤', 'counselor');
    staff.run('boss-000000000000000001', 'boss', '主任', 'supervisor');
    await repos.consultations.insert({
      id: 'consultation-0000000001', clientTokenHash: 'h', status: 'waiting', campaign: null, urgent: false,
      queuedAt: '2026-11-30T02:00:00.000Z', assignedStaffId: null, assignedAt: null, endedAt: null, endReason: null, endedBy: null,
    });
    await repos.consultations.assign('consultation-0000000001', 'sato-000000000000000001', '2026-11-30T02:01:00.000Z');
    const service = new AppointmentService(repos.consultations, repos.appointments, sodium, clock, visitsOf(repos), new BookingRules(hours, FRIDAY), repos.staff);
    const book = async (start: string, minutes?: number) => {
      try {
        return (await service.book('sato-000000000000000001', 'consultation-0000000001', 'phone', `${start}+09:00`, { minutes })).endsAt;
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM appointment').get() as { n: number }).n;
    return { repos, service, book, count };
  }

  it('refuses any overlap with a booked appointment, and takes one that starts as the other ends', async () => {
    const { book, count } = await setup();
    expect(await book('2026-12-04T14:00:00')).toBe(tokyo('2026-12-04T15:00:00').toISOString());
    expect(await book('2026-12-04T14:00:00')).toBe('DOUBLE_BOOKED'); // the same time
    expect(await book('2026-12-04T14:59:00', 15)).toBe('DOUBLE_BOOKED'); // starts a minute before the end
    expect(await book('2026-12-04T13:05:00', 60)).toBe('DOUBLE_BOOKED'); // ends a minute after the start
    expect(await book('2026-12-04T13:30:00', 120)).toBe('DOUBLE_BOOKED'); // wraps it
    expect(await book('2026-12-04T14:15:00', 15)).toBe('DOUBLE_BOOKED'); // inside it
    expect(count()).toBe(1);
    expect(await book('2026-12-04T15:00:00', 30)).toBe(tokyo('2026-12-04T15:30:00').toISOString()); // starts at its end
    expect(await book('2026-12-04T13:00:00', 60)).toBe(tokyo('2026-12-04T14:00:00').toISOString()); // ends at its start
    expect(count()).toBe(3);
  });

  it('a cancelled appointment frees its time', async () => {
    const { service, book, count } = await setup();
    const first = await service.book('sato-000000000000000001', 'consultation-0000000001', 'phone', '2026-12-04T14:00:00+09:00');
    await service.setStatus({ staffId: 'sato-000000000000000001', role: 'counselor' }, first.id, 'cancelled');
    expect(await book('2026-12-04T14:00:00')).toBe(tokyo('2026-12-04T15:00:00').toISOString());
    expect(count()).toBe(2);
  });

  it('a supervisor books for an active counselor only, and her override is recorded only when it bent a rule', async () => {
    const { repos, count } = await setup();
    // Who is who, as the staff table would say (active rows need keys and statements; their status and role are what count here).
    const people: Record<string, { id: string; role: string; status: string }> = {
      'sato-000000000000000001': { id: 'sato-000000000000000001', role: 'counselor', status: 'active' },
      'boss-000000000000000001': { id: 'boss-000000000000000001', role: 'supervisor', status: 'active' },
      'gone-000000000000000001': { id: 'gone-000000000000000001', role: 'counselor', status: 'disabled' },
    };
    const staff = { byId: async (id: string) => (people[id] ?? null) as never };
    const service = new AppointmentService(repos.consultations, repos.appointments, sodium, clock, visitsOf(repos), new BookingRules(hours, FRIDAY), staff);
    const saturday = { consultationId: 'consultation-0000000001', kind: 'phone' as const, startsAt: '2026-12-05T14:00:00+09:00', counselorId: 'sato-000000000000000001' };
    const code = async (f: () => Promise<unknown>) => {
      try {
        await f();
        return 'ok';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(await code(() => service.bookFor('boss-000000000000000001', saturday))).toBe('BOOKING_OUTSIDE_HOURS');
    expect(await code(() => service.bookFor('boss-000000000000000001', { ...saturday, counselorId: 'boss-000000000000000001', override: true }))).toBe('UNKNOWN_STAFF');
    expect(await code(() => service.bookFor('boss-000000000000000001', { ...saturday, counselorId: 'gone-000000000000000001', override: true }))).toBe('UNKNOWN_STAFF');
    expect(count()).toBe(0);
    const overridden = await service.bookFor('boss-000000000000000001', { ...saturday, override: true });
    expect(overridden).toMatchObject({ staffId: 'sato-000000000000000001', overriddenBy: 'boss-000000000000000001', startsAt: '2026-12-05T05:00:00.000Z' });
    const ordinary = await service.bookFor('boss-000000000000000001', { ...saturday, startsAt: '2026-12-04T14:00:00+09:00', override: true });
    expect(ordinary.overriddenBy).toBeNull();
    // The override bends the hours, never the counselor's other bookings.
    expect(await code(() => service.bookFor('boss-000000000000000001', { ...saturday, override: true }))).toBe('DOUBLE_BOOKED');
    expect(count()).toBe(2);
  });
});
