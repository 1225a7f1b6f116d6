import type { Appointment } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import {
  bookingProblem,
  formatTokyoDateTime,
  handoffMessage,
  normaliseCode,
  spacedCode,
  tokyoDate,
  tokyoIso,
  upsertAppointment,
} from './appointments.js';

describe('tokyoIso', () => {
  it('writes Tokyo wall time with an explicit +09:00, whatever the machine zone', () => {
    expect(tokyoIso('2026-12-03', '14:00')).toBe('2026-12-03T14:00:00+09:00');
    // The instant is 05:00 UTC the same day, not 14:00 in the test machine's zone.
    expect(new Date(tokyoIso('2026-12-03', '14:00')!).toISOString()).toBe('2026-12-03T05:00:00.000Z');
    expect(new Date(tokyoIso('2026-12-03', '08:30')!).toISOString()).toBe('2026-12-02T23:30:00.000Z');
  });

  it('refuses malformed or impossible dates and times', () => {
    expect(tokyoIso('', '14:00')).toBeNull();
    expect(tokyoIso('2026-12-03', '')).toBeNull();
    expect(tokyoIso('2026-02-30', '14:00')).toBeNull();
    expect(tokyoIso('2026-12-03', '24:00')).toBeNull();
    expect(tokyoIso('2026/12/03', '14:00')).toBeNull();
  });
});

describe('tokyoDate and formatTokyoDateTime', () => {
  it('counts the date in Tokyo: 15:30 UTC is already the next day there', () => {
    expect(tokyoDate(new Date('2026-11-28T15:30:00Z'))).toBe('2026-11-29');
    expect(tokyoDate(new Date('2026-11-28T14:59:00Z'))).toBe('2026-11-28');
    expect(tokyoDate(new Date('2026-12-31T20:00:00Z'), 1)).toBe('2027-01-02');
  });

  it('shows month, day, weekday and 24-hour time in Tokyo', () => {
    expect(formatTokyoDateTime('2026-12-03T14:00:00+09:00')).toBe('12月3日（木）14:00');
    expect(formatTokyoDateTime('2026-12-02T23:05:00Z')).toBe('12月3日（木）08:05');
    expect(formatTokyoDateTime('nonsense')).toBe('');
  });
});

describe('codes', () => {
  it('spaces a code in two groups of three for reading out', () => {
    expect(spacedCode('AB2C3D')).toBe('AB2 C3D');
    expect(spacedCode('ABC')).toBe('ABC');
  });

  it('reads what was typed as the server compares it', () => {
    expect(normaliseCode(' ab2 c3d ')).toBe('AB2C3D');
    expect(normaliseCode('AB2-C3D')).toBe('AB2C3D');
  });
});

describe('bookingProblem', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it('wants a time ahead and within the booking window', () => {
    expect(bookingProblem(null, now)).toBe('invalid');
    expect(bookingProblem('2026-11-28T20:00:00+09:00', now)).toBe('past');
    expect(bookingProblem('2026-11-29T14:00:00+09:00', now)).toBeNull();
    expect(bookingProblem('2027-06-01T14:00:00+09:00', now)).toBe('tooFar');
  });
});

describe('handoffMessage', () => {
  const at = '2026-12-03T14:00:00+09:00';
  it('phone: the line to call, the code, and the call-history caution', () => {
    expect(handoffMessage('phone', at, 'AB2C3D', '0836-37-5611')).toBe(
      'ご予約をお取りしました。\n電話相談：12月3日（木）14:00\n予約番号：AB2C3D\nこの番号を紙などに書きとめてください。この画面には残りません。\n' +
        'その時間に、つながりサポートの電話（0836-37-5611）にかけて、予約番号をお伝えください。\n' +
        '※電話をかけると、通話の履歴や請求書に番号が残ることがあります。',
    );
  });

  it('phone without a known number names none, and says it will come in the chat', () => {
    const text = handoffMessage('phone', at, 'AB2C3D', '');
    expect(text).not.toMatch(/（\d/);
    expect(text).toContain('電話番号は、このチャットでお伝えします。');
    expect(text).toContain('通話の履歴');
  });

  it('other kinds: no phone line, no call caution; the interview place is agreed in the chat', () => {
    for (const kind of ['remote', 'interview', 'outreach', 'accompaniment'] as const) {
      const text = handoffMessage(kind, at, 'AB2C3D', '0836-37-5611');
      expect(text).toContain('予約番号：AB2C3D');
      expect(text).not.toContain('0836');
      expect(text).not.toContain('通話の履歴');
    }
    expect(handoffMessage('interview', at, 'AB2C3D', '')).toContain('面接相談：12月3日（木）14:00\n');
    expect(handoffMessage('interview', at, 'AB2C3D', '')).toContain('場所は、このチャットでいっしょに決めましょう');
    expect(handoffMessage('remote', at, 'AB2C3D', '')).toContain('リモートカウンセリング：');
  });
});

describe('upsertAppointment', () => {
  const a = (id: string, startsAt: string, status: Appointment['status'] = 'booked'): Appointment => ({
    id,
    consultationId: 'c'.repeat(22),
    kind: 'phone',
    startsAt,
    endsAt: startsAt,
    code: 'AB2C3D',
    status,
    staffId: 's',
    staffName: '佐藤',
    overriddenBy: null,
    createdAt: '2026-11-28T00:00:00Z',
  });
  it('keeps the list soonest first and replaces by id', () => {
    let list = upsertAppointment([], a('2', '2026-12-05T10:00:00+09:00'));
    list = upsertAppointment(list, a('1', '2026-12-03T14:00:00+09:00'));
    expect(list.map((x) => x.id)).toEqual(['1', '2']);
    list = upsertAppointment(list, a('2', '2026-12-05T10:00:00+09:00', 'done'));
    expect(list.map((x) => [x.id, x.status])).toEqual([
      ['1', 'booked'],
      ['2', 'done'],
    ]);
  });
});
