import type { StaffListing } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { actionsFor, sortRows, type StaffRow, validity } from './staff-directory.js';

const DAY = 24 * 60 * 60 * 1000;
/** 2026-12-01 10:00 in Tokyo. */
const NOW = Date.UTC(2026, 11, 1, 1, 0, 0);

function row(status: StaffListing['status'], over: Partial<StaffRow> = {}, username = 'sato'): StaffRow {
  const listing: StaffListing = {
    staffId: `id-${username}`,
    username,
    displayName: username,
    role: 'counselor',
    status,
    keyVersion: 1,
    pending: null,
    statement: null,
    lastSignInDay: null,
    inviteExpiresAt: null,
  };
  return { listing, check: null, pending: null, ...over };
}

describe('validity', () => {
  it('shows the Tokyo date the statement ends, even when that is a different UTC date', () => {
    // 2027-03-31T20:00Z is already 1 April in Tokyo.
    expect(validity(Date.UTC(2027, 2, 31, 20, 0, 0), NOW).until).toBe('2027-04-01');
  });

  it('flags statements ending within 30 days', () => {
    expect(validity(NOW + 31 * DAY, NOW)).toMatchObject({ daysLeft: 31, endingSoon: false });
    expect(validity(NOW + 30 * DAY, NOW)).toMatchObject({ daysLeft: 30, endingSoon: true });
    expect(validity(NOW + 1, NOW)).toMatchObject({ daysLeft: 1, endingSoon: true });
  });
});

describe('actionsFor', () => {
  it('pending: verify and sign; invited and disabled: nothing to sign', () => {
    expect(actionsFor(row('pending'))).toEqual(['activate']);
    expect(actionsFor(row('invited'))).toEqual([]);
    expect(actionsFor(row('disabled', { check: { ok: false, reason: 'revoked' } }))).toEqual([]);
  });

  it('active: renew only a statement this console verified; disabling is always possible', () => {
    expect(actionsFor(row('active', { check: { ok: true, notAfter: NOW + DAY } }))).toEqual(['renew', 'disable']);
    expect(actionsFor(row('active', { check: { ok: false, reason: 'bad-signature' } }))).toEqual(['disable']);
    expect(actionsFor(row('active', { check: { ok: false, reason: 'expired' } }))).toEqual(['disable']);
  });
});

describe('sortRows', () => {
  it('puts people waiting for the admin first', () => {
    const rows = [row('active', {}, 'a'), row('disabled', {}, 'b'), row('pending', {}, 'c'), row('invited', {}, 'd'), row('pending', {}, 'b')];
    expect(sortRows(rows).map((r) => `${r.listing.status}:${r.listing.username}`)).toEqual(['pending:b', 'pending:c', 'invited:d', 'active:a', 'disabled:b']);
  });
});
