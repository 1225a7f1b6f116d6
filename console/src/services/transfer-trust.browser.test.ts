import type { CounselorState, StaffRole } from '@tsunagari/shared';
import { openSessionKey, toB64 } from '@tsunagari/shared/crypto';
import { newStaffStatement, signRevocationList, signStaffStatement } from '@tsunagari/shared/trust';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../i18n/ja.js';
import { type ChatHarness, chatHarness } from '../test/chat-harness.js';

const DAY = 24 * 60 * 60 * 1000;

/** A colleague with fresh keys, and her statement as the relay hands it (signed by `signer`). */
function colleague(h: ChatHarness, over: { staffId?: string; role?: StaffRole; from?: number; signer?: Uint8Array; statementFor?: string } = {}) {
  const box = h.sodium.crypto_box_keypair();
  const staffId = over.staffId ?? 'staff-tanaka';
  const statement = newStaffStatement(
    {
      staffId: over.statementFor ?? staffId,
      role: over.role ?? 'counselor',
      boxPublicKey: toB64(h.sodium, box.publicKey),
      signPublicKey: toB64(h.sodium, h.sodium.crypto_sign_keypair().publicKey),
      keyVersion: 1,
    },
    over.from ?? Date.now() - DAY,
  );
  const state: CounselorState = {
    staffId,
    displayName: '田中',
    status: 'available',
    load: 0,
    capacity: 3,
    identity: { staffId, statement: signStaffStatement(h.sodium, over.signer ?? h.org.secretKey, statement) },
  } as CounselorState;
  return { state, box };
}

async function transferTo(h: ChatHarness, c: CounselorState): Promise<void> {
  h.counselors = [c];
  h.panel.counselors = [c];
  await userEvent.click(page.getByRole('button', { name: ja.transfer.open, exact: true }));
  const form = page.getByRole('form', { name: ja.transfer.heading });
  await userEvent.selectOptions(form.getByRole('combobox'), ja.transfer.counselorOption('田中', 0, 3));
  await userEvent.click(form.getByRole('button', { name: ja.transfer.submit }));
}

/**
 * Transfer targets are verified against the organisation key pinned in the console's config,
 * never the relay's word: a refused target is told apart by its reason and gets nothing sealed.
 */
describe('transfer targets', () => {
  afterEach(() => document.body.replaceChildren());

  it('a current counselor of this organisation gets the key sealed to the keys in her verified statement', async () => {
    const h = await chatHarness([{ from: 'client', seq: 1, text: 'こんばんは' }]);
    const { state, box } = colleague(h);
    // A transfer that went through zeroes the key in this browser: keep its value to compare.
    const sessionKey = toB64(h.sodium, h.sessionKey);
    await transferTo(h, state);
    await expect.poll(() => h.relay.transfers.length).toBe(1);
    const sent = h.relay.transfers[0]!;
    expect(sent.toStaffId).toBe('staff-tanaka');
    const opened = openSessionKey(h.sodium, sent.sealedKey!, box.publicKey, box.privateKey);
    expect(toB64(h.sodium, opened)).toBe(sessionKey);
  });

  const refusals: [string, (h: ChatHarness) => CounselorState, string][] = [
    ['signed by another organisation', (h) => colleague(h, { signer: h.sodium.crypto_sign_keypair().privateKey }).state, ja.transferRefused['bad-signature']],
    ['expired', (h) => colleague(h, { from: Date.now() - 400 * DAY }).state, ja.transferRefused.expired],
    ['an admin, not a counselor', (h) => colleague(h, { role: 'admin' }).state, ja.transferRefused['wrong-role']],
    ['a colleague’s valid statement under another staff id', (h) => colleague(h, { statementFor: 'staff-suzuki' }).state, ja.transferRefused['wrong-staff']],
  ];

  it.each(refusals)('a target %s is refused, says why, and nothing is sealed or sent', async (_name, make, why) => {
    const h = await chatHarness([{ from: 'client', seq: 1, text: 'こんばんは' }]);
    await transferTo(h, make(h));
    await expect.element(page.getByRole('alert').first()).toHaveTextContent(why);
    expect(h.relay.transfers).toEqual([]);
    expect(h.chat().sessionKey).not.toBeNull();
  });

  it('a counselor the organisation revoked is refused once the console holds the signed list', async () => {
    const h = await chatHarness([{ from: 'client', seq: 1, text: 'こんばんは' }]);
    const { state } = colleague(h);
    h.trust.acceptList(signRevocationList(h.sodium, h.org.secretKey, { issuedAt: Date.now(), entries: [{ staffId: 'staff-tanaka', keyVersion: 1, revokedAt: Date.now() }] }));
    await transferTo(h, state);
    await expect.element(page.getByRole('alert').first()).toHaveTextContent(ja.transferRefused.revoked);
    expect(h.relay.transfers).toEqual([]);
  });
});
