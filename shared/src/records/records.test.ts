import { describe, expect, it } from 'vitest';
import { consultationRecordSchema, reportYearSchema } from '../protocol/schemas.js';
import { emptyFigures, fiscalYearMonths, fiscalYearOf, fiscalYearRange } from './records.js';

describe('fiscal year (April–March, Tokyo time)', () => {
  it('turns at 1 April 00:00 in Tokyo, which is 31 March 15:00 UTC', () => {
    expect(fiscalYearOf(new Date('2027-03-31T14:59:59Z'))).toBe(2026);
    expect(fiscalYearOf(new Date('2027-03-31T15:00:00Z'))).toBe(2027);
    expect(fiscalYearOf(new Date('2026-12-31T20:00:00Z'))).toBe(2026); // 1 January in Tokyo
  });

  it('has twelve months from April to March and a half-open range', () => {
    expect(fiscalYearMonths(2026)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03']);
    const { from, to } = fiscalYearRange(2026);
    expect(from.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(to.toISOString()).toBe('2027-03-31T15:00:00.000Z');
  });

  it('starts every topic, outcome and age band at zero so CSV columns never move', () => {
    const f = emptyFigures('2026-04');
    expect(f.byTopic['虐待・DV']).toBe(0);
    expect(f.byOutcome.handoff).toBe(0);
    expect(f.byAgeBand.unknown).toBe(0);
    expect(Object.keys(f.byTopic)).toHaveLength(14);
  });
});

describe('case record and report payloads', () => {
  const id = 'c'.repeat(22);
  it('accepts one to five distinct topics and a known outcome', () => {
    expect(consultationRecordSchema.safeParse({ consultationId: id, topics: ['子育て', '孤独'], outcome: 'listened' }).success).toBe(true);
    expect(consultationRecordSchema.safeParse({ consultationId: id, topics: [], outcome: 'listened' }).success).toBe(false);
    expect(consultationRecordSchema.safeParse({ consultationId: id, topics: ['子育て', '子育て'], outcome: 'listened' }).success).toBe(false);
    expect(consultationRecordSchema.safeParse({ consultationId: id, topics: ['子育て'], outcome: 'gossip' }).success).toBe(false);
    expect(consultationRecordSchema.safeParse({ consultationId: id, topics: ['子育て'], outcome: 'other', note: 'x' }).success).toBe(false);
  });

  it('asks for a whole fiscal year', () => {
    expect(reportYearSchema.safeParse({ fiscalYear: 2026 }).success).toBe(true);
    expect(reportYearSchema.safeParse({ fiscalYear: 2026.5 }).success).toBe(false);
    expect(reportYearSchema.safeParse({ fiscalYear: '2026' }).success).toBe(false);
  });
});
