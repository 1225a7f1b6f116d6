import { describe, expect, it } from 'vitest';
import { draftProblem, fiscalYearChoices, initialDraft, recordPayload, toggleTopic } from './case-record.js';

const id = 'c'.repeat(22);

describe('case record draft', () => {
  it('starts from her intake topics (list order, at most five) and age band, with no outcome', () => {
    const d = initialDraft({ topics: ['孤独', '子育て'], ageBand: '30s' }, null);
    expect(d).toEqual({ topics: ['子育て', '孤独'], outcome: null, ageBand: '30s' });
    const many = initialDraft({ topics: ['その他', '孤独', '医療費', '虐待・DV', '喪失', '介護', '生活困窮'] }, null);
    expect(many.topics).toEqual(['生活困窮', '介護', '喪失', '虐待・DV', '医療費']);
    expect(initialDraft(null, null)).toEqual({ topics: [], outcome: null, ageBand: null });
  });

  it('starts from the earlier record when there is one', () => {
    const d = initialDraft({ topics: ['孤独'], ageBand: '30s' }, { topics: ['介護'], outcome: 'referral', ageBand: null, recordedAt: 'x' });
    expect(d).toEqual({ topics: ['介護'], outcome: 'referral', ageBand: null });
  });

  it('ticks in list order and ignores a sixth topic', () => {
    expect(toggleTopic(['孤独'], '子育て', true)).toEqual(['子育て', '孤独']);
    expect(toggleTopic(['子育て', '孤独'], '子育て', false)).toEqual(['孤独']);
    const five = ['生活困窮', '経済的困難', '生活不安', '子育て', '介護'] as const;
    expect(toggleTopic(five, '孤独', true)).toEqual([...five]);
  });

  it('says what is missing and builds the payload only when complete', () => {
    expect(draftProblem({ topics: [], outcome: 'listened', ageBand: null })).toBe('needTopic');
    expect(draftProblem({ topics: ['孤独'], outcome: null, ageBand: null })).toBe('needOutcome');
    expect(recordPayload(id, { topics: ['孤独'], outcome: null, ageBand: null })).toBeNull();
    expect(recordPayload(id, { topics: ['孤独'], outcome: 'listened', ageBand: null })).toEqual({ consultationId: id, topics: ['孤独'], outcome: 'listened' });
    expect(recordPayload(id, { topics: ['孤独'], outcome: 'other', ageBand: '20s' })).toMatchObject({ ageBand: '20s' });
  });

  it('offers the current fiscal year (Tokyo) first and years before it, not before 2020', () => {
    expect(fiscalYearChoices(new Date('2027-03-31T14:59:59Z'))).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(fiscalYearChoices(new Date('2027-03-31T15:00:00Z'), 2)).toEqual([2027, 2026, 2025]);
    expect(fiscalYearChoices(new Date('2021-05-01T00:00:00Z'))).toEqual([2021, 2020]);
  });
});
