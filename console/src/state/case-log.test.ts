import type { CaseLogEntry } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { draftPayload, draftProblem, entryDraft, freshDraft, todayTokyo, topicFieldCount, upsertEntry } from './case-log.js';

describe('the case log form state', () => {
  it('starts from today in Tokyo, phone, and the last outcome', () => {
    // 23:30 UTC on 14 June is already 15 June in Tokyo.
    const now = new Date('2026-06-14T23:30:00Z');
    expect(todayTokyo(now)).toBe('2026-06-15');
    expect(freshDraft(now, 'referral')).toMatchObject({ date: '2026-06-15', channel: 'phone', outcome: 'referral', topics: ['', '', ''], ageBand: '' });
    expect(freshDraft(now).outcome).toBe('listened');
  });

  it('needs a first topic, refuses a repeat, and sends only the chosen topics and a known age band', () => {
    const d = freshDraft(new Date('2026-06-15T03:00:00Z'));
    expect(draftProblem(d)).toBe('topic');
    d.topics = ['', '孤独', ''];
    expect(draftProblem(d)).toBe('topic');
    d.topics = ['孤独', '', '孤独'];
    expect(draftProblem(d)).toBe('repeat');
    d.topics = ['孤独', '', '介護'];
    expect(draftProblem(d)).toBeNull();
    expect(draftPayload(d)).toEqual({ channel: 'phone', date: '2026-06-15', durationBand: '15-30', contact: 'first', topics: ['孤独', '介護'], outcome: 'listened' });
    expect(draftPayload({ ...d, ageBand: '40s' }).ageBand).toBe('40s');
  });

  it('turns an entry back into a draft and keeps her list newest first', () => {
    const entry = (id: string, recordedAt: string): CaseLogEntry => ({
      id,
      note: null,
      staffId: 's',
      channel: 'mail',
      date: '2026-06-10',
      durationBand: '30-60',
      contact: 'continuation',
      topics: ['子育て'],
      outcome: 'information',
      ageBand: null,
      recordedAt,
      correctedAt: null,
    });
    expect(entryDraft(entry('a', 'x'))).toMatchObject({ channel: 'mail', topics: ['子育て', '', ''], ageBand: '', contact: 'continuation' });
    const list = upsertEntry(upsertEntry([], entry('a', '2026-06-10T01:00:00Z')), entry('b', '2026-06-10T02:00:00Z'));
    expect(list.map((e) => e.id)).toEqual(['b', 'a']);
    expect(upsertEntry(list, { ...entry('a', '2026-06-10T01:00:00Z'), outcome: 'other' }).map((e) => [e.id, e.outcome])).toEqual([
      ['b', 'information'],
      ['a', 'other'],
    ]);
  });

  it('shows three topic fields, one empty field after the last chosen topic, and never more than five', () => {
    expect(topicFieldCount(['', '', ''])).toBe(3);
    expect(topicFieldCount(['孤独', '介護', ''])).toBe(3);
    expect(topicFieldCount(['孤独', '介護', '喪失'])).toBe(4);
    expect(topicFieldCount(['孤独', '介護', '喪失', '子育て'])).toBe(5);
    expect(topicFieldCount(['孤独', '介護', '喪失', '子育て', '医療費'])).toBe(5);
    // A topic taken back from the 4th field: the 5th goes again.
    expect(topicFieldCount(['孤独', '介護', '喪失', '', ''])).toBe(4);
  });
});
