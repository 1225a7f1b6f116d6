import type { StaffListing } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { StaffRow } from '../../state/staff-directory.js';
import type { TsgStaffDirectory } from './staff-directory.component.js';
import './staff-directory.js';

const t = ja.staffAdmin;
const DAY = 24 * 60 * 60 * 1000;
/** 2026-12-01 10:00 in Tokyo. */
const NOW = Date.UTC(2026, 11, 1, 1, 0, 0);

function row(name: string, status: StaffListing['status'], over: Partial<StaffRow> = {}, listing: Partial<StaffListing> = {}): StaffRow {
  return {
    listing: { staffId: `id-${name}`, username: name, displayName: name, role: 'counselor', status, keyVersion: 1, pending: null, statement: null, lastSignInDay: null, inviteExpiresAt: null, ...listing },
    check: null,
    pending: null,
    ...over,
  };
}

const cells = (name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

describe('the staff directory', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows each status with its validity as this console verified it, and the actions each allows', async () => {
    const el = document.createElement('tsg-staff-directory') as TsgStaffDirectory;
    el.now = NOW;
    el.rows = [
      row('pending-one', 'pending'),
      row('invited-one', 'invited', {}, { inviteExpiresAt: '2026-12-02T00:00:00.000Z' }),
      row('soon', 'active', { check: { ok: true, notAfter: NOW + 12 * DAY } }, { lastSignInDay: '2026-11-30' }),
      row('fine', 'active', { check: { ok: true, notAfter: NOW + 200 * DAY } }),
      row('forged', 'active', { check: { ok: false, reason: 'bad-signature' } }),
      row('gone', 'disabled', { check: { ok: false, reason: 'revoked' } }),
    ];
    const picked: unknown[] = [];
    el.addEventListener('tsg-staff-action', (e) => picked.push((e as CustomEvent).detail));
    document.body.append(el);

    await expect.element(cells('pending-one')).toHaveTextContent(t.statuses.pending);
    await expect.element(cells('invited-one')).toHaveTextContent(t.inviteUntil('2026-12-02'));
    await expect.element(cells('soon')).toHaveTextContent(t.validUntil('2026-12-13'));
    await expect.element(cells('soon')).toHaveTextContent(t.endsSoon(12));
    await expect.element(cells('soon')).toHaveTextContent('2026-11-30');
    await expect.element(cells('fine')).not.toHaveTextContent(t.endsSoon(200));
    await expect.element(cells('fine')).toHaveTextContent(t.never);
    await expect.element(cells('forged')).toHaveTextContent(t.verdicts['bad-signature']);
    await expect.element(cells('gone')).toHaveTextContent(t.verdicts.revoked);

    const actions = (name: string) => page.getByRole('group', { name: t.actionsFor(name) }).getByRole('button');
    expect(actions('pending-one').elements().map((b) => b.textContent?.trim())).toEqual([t.verify]);
    expect(actions('fine').elements().map((b) => b.textContent?.trim())).toEqual([t.renew, t.disable]);
    expect(actions('forged').elements().map((b) => b.textContent?.trim())).toEqual([t.disable]);
    expect(actions('gone').elements()).toEqual([]);
    await userEvent.click(actions('fine').nth(0));
    expect(picked).toEqual([{ staffId: 'id-fine', action: 'renew' }]);
  });
});
