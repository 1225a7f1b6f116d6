import { describe, expect, it } from 'vitest';
import { distributionAddSchema } from '../protocol/distribution-schemas.js';
import { followUpLastDay } from './distribution.js';
import { MUNICIPALITIES } from './municipalities.js';

describe("Yamaguchi's municipalities", () => {
  it('are 19, each once: 13 cities and 6 towns (the prefecture has no villages)', () => {
    expect(MUNICIPALITIES).toHaveLength(19);
    expect(new Set(MUNICIPALITIES).size).toBe(19);
    expect(MUNICIPALITIES.filter((m) => m.endsWith('市'))).toHaveLength(13);
    expect(MUNICIPALITIES.filter((m) => m.endsWith('町'))).toEqual(['周防大島町', '和木町', '上関町', '田布施町', '平生町', '阿武町']);
  });

  it('are the only places an event may name', () => {
    const event = { date: '2026-06-10', partner: 'こども食堂', sets: 1, flyers: 1 };
    for (const municipality of MUNICIPALITIES) expect(distributionAddSchema.safeParse({ ...event, municipality }).success).toBe(true);
    for (const municipality of ['北九州市', '山口県', '大島町', '下関', ' 下関市']) expect(distributionAddSchema.safeParse({ ...event, municipality }).success).toBe(false);
  });

  it("reckons an event's last follow-up day over month and year ends", () => {
    expect(followUpLastDay('2026-06-10')).toBe('2026-07-10');
    expect(followUpLastDay('2027-03-25')).toBe('2027-04-24');
    expect(followUpLastDay('2028-02-01')).toBe('2028-03-02'); // a leap year's 29 February is a day
  });
});
