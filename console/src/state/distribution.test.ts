import type { DistributionEvent } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { distributionPayload, distributionProblem, eventDistributionDraft, freshDistributionDraft, knownPartners, upsertDistributionEvent } from './distribution.js';

const event = (id: string, date: string, recordedAt = '2026-06-12T06:00:00.000Z'): DistributionEvent => ({
  id,
  date,
  municipality: '宇部市',
  partner: 'こども食堂うべ',
  sets: 64,
  flyers: 80,
  campaign: null,
  staffId: 's',
  recordedAt,
  correctedAt: null,
});

describe('the distribution-event draft', () => {
  it('starts today in Tokyo with no place, keeping the last partner and campaign', () => {
    expect(freshDistributionDraft(new Date('2026-06-12T15:30:00Z'), { partner: '.Style', campaign: 'ube-2026' })).toEqual({
      date: '2026-06-13',
      municipality: '',
      partner: '.Style',
      sets: '',
      flyers: '',
      campaign: 'ube-2026',
    });
  });

  it('names the first field to fix: place, partner, then whole counts within their ceilings', () => {
    const ok = { date: '2026-06-10', municipality: '宇部市' as const, partner: ' こども食堂 ', sets: '64', flyers: '0', campaign: '' };
    expect(distributionProblem(ok)).toBeNull();
    expect(distributionProblem({ ...ok, municipality: '' })).toBe('municipality');
    expect(distributionProblem({ ...ok, partner: '   ' })).toBe('partner');
    expect(distributionProblem({ ...ok, partner: 'あ'.repeat(41) })).toBe('partner');
    for (const sets of ['', '-1', '1.5', '5001', '1e3', 'abc']) expect(distributionProblem({ ...ok, sets }), sets).toBe('sets');
    expect(distributionProblem({ ...ok, sets: '5000', flyers: '10001' })).toBe('flyers');
    expect(distributionPayload(ok)).toEqual({ date: '2026-06-10', municipality: '宇部市', partner: 'こども食堂', sets: 64, flyers: 0 });
    expect(distributionPayload({ ...ok, campaign: 'ube-2026' }).campaign).toBe('ube-2026');
  });

  it('round-trips an event, keeps the list newest day first, and suggests each partner once', () => {
    const a = event('a', '2026-06-10');
    expect(distributionPayload(eventDistributionDraft(a))).toEqual({ date: '2026-06-10', municipality: '宇部市', partner: 'こども食堂うべ', sets: 64, flyers: 80 });
    const list = upsertDistributionEvent([a, event('b', '2026-05-01')], event('c', '2026-06-10', '2026-06-12T07:00:00.000Z'));
    expect(list.map((e) => e.id)).toEqual(['c', 'a', 'b']);
    expect(upsertDistributionEvent(list, { ...a, date: '2026-04-01' }).map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect(knownPartners(list)).toEqual(['こども食堂うべ']);
  });
});
