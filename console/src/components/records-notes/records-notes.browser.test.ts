import { fiscalYearOf, type ListedCaseNote } from '@tsunagari/shared';
import { createOrgKeyFile, createRecordsKeyFile, sealRecordsNote, serialiseOrgKeyFile, serialiseRecordsKeyFile } from '@tsunagari/shared/crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import { loadSodium } from '../../services/staff-crypto.js';
import type { TsgRecordsNotes } from './records-notes.component.js';
import './records-notes.js';

const t = ja.recordsNotes;
const PASSPHRASE = 'kiroku no kagi test 2026';
const NOTE = '昼の12時から13時なら電話に出られる。次回は法テラスの案内を。';
/** Each key file costs one Argon2id MODERATE derivation in WebAssembly (1–2 s). */
const SLOW = { timeout: 60_000 };

let sodium: Awaited<ReturnType<typeof loadSodium>>;
let recordsFile: { publicKey: string; text: string };
let otherRecordsFile: string;
let orgFile: string;

beforeAll(async () => {
  sodium = await loadSodium();
  const made = createRecordsKeyFile(sodium, PASSPHRASE);
  recordsFile = { publicKey: made.publicKey, text: serialiseRecordsKeyFile(made) };
  otherRecordsFile = serialiseRecordsKeyFile(createRecordsKeyFile(sodium, PASSPHRASE));
  orgFile = serialiseOrgKeyFile(createOrgKeyFile(sodium, PASSPHRASE));
}, 120_000);

function listed(note: string, over: Partial<ListedCaseNote> = {}): ListedCaseNote {
  return { entryId: 'e1', date: '2026-06-15', channel: 'phone', staffId: 'staff-sato', note, durationBand: '15-30', contact: 'first', topics: ['虐待・DV'], outcome: 'referral', ageBand: null, ...over };
}

async function reader(notes: ListedCaseNote[]) {
  const el = document.createElement('tsg-records-notes') as TsgRecordsNotes;
  const asked: number[] = [];
  el.recordsPublicKey = recordsFile.publicKey;
  el.fetchNotes = async (fiscalYear) => (asked.push(fiscalYear), { ok: true, data: { notes } });
  el.active = true;
  document.body.append(el);
  await el.updateComplete;
  return { el, asked };
}

async function open(fileText: string, passphrase = PASSPHRASE) {
  await userEvent.upload(page.getByLabelText(t.keyFile), new File([fileText], 'records.key', { type: 'application/json' }));
  await userEvent.fill(page.getByLabelText(t.passphrase), passphrase);
  await userEvent.click(page.getByRole('button', { name: t.submit }));
}

const shown = (el: TsgRecordsNotes) => el.shadowRoot?.textContent ?? '';

/**
 * 記録メモを読む: a supervisor opens the year's notes with the records key file in this browser;
 * a wrong passphrase or another key file shows nothing; what was opened is forgotten when the
 * screen is left or locked, and when the element leaves the page; no storage is touched.
 */
describe('the records-note reader', SLOW, () => {
  afterEach(() => document.body.replaceChildren());

  it('opens the year’s notes beside their closed-list fields, and forgets them when the screen is left', async () => {
    const sealed = sealRecordsNote(sodium, recordsFile.publicKey, NOTE);
    const foreign = sealRecordsNote(sodium, JSON.parse(otherRecordsFile).publicKey, '別の鍵のメモ');
    const { el, asked } = await reader([listed(sealed), listed(foreign, { entryId: 'e2', channel: 'mail', date: '2026-07-01' })]);
    await open(recordsFile.text);
    await expect.element(page.getByText(NOTE)).toBeInTheDocument();
    expect(asked).toHaveLength(1);
    const first = page.getByRole('article', { name: '6月15日 電話' });
    await expect.element(first).toHaveTextContent(/15〜30分・初回/);
    await expect.element(first).toHaveTextContent(/虐待・DV/);
    await expect.element(page.getByRole('article', { name: '7月1日 メール' })).toHaveTextContent(t.notOpened);
    await expect.element(page.getByLabelText(t.passphrase)).toHaveValue('');
    expect([localStorage.length, sessionStorage.length]).toEqual([0, 0]);

    el.active = false; // the workspace: another screen, or the lock
    await el.updateComplete;
    expect(shown(el)).not.toContain(NOTE);
    el.active = true;
    await el.updateComplete;
    expect(shown(el)).not.toContain(NOTE);

    await open(recordsFile.text);
    await expect.element(page.getByText(NOTE)).toBeInTheDocument();
    await userEvent.click(page.getByRole('button', { name: t.forget }));
    await expect.element(page.getByText(NOTE)).not.toBeInTheDocument();
    await expect.element(page.getByRole('status')).toHaveTextContent(t.forgotten);

    await open(recordsFile.text);
    await expect.element(page.getByText(NOTE)).toBeInTheDocument();
    el.remove(); // logout: the workspace leaves the page
    await el.updateComplete;
    expect(shown(el)).not.toContain(NOTE);
  });

  it('a wrong passphrase, the org key file or another records key file: a clear error and nothing shown', async () => {
    const { el } = await reader([listed(sealRecordsNote(sodium, recordsFile.publicKey, NOTE))]);
    await open(recordsFile.text, `${PASSPHRASE}x`);
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.problems.WRONG_PASSPHRASE);
    await open(orgFile);
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.problems.KEY_FILE_MALFORMED);
    await open(otherRecordsFile);
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.problems.NOT_THIS_KEY);
    expect(shown(el)).not.toContain(NOTE);
    await expect.element(page.getByRole('article')).not.toBeInTheDocument();
  });

  it('asks for the file, then the passphrase, before anything is fetched', async () => {
    const { asked } = await reader([]);
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.needFile);
    await userEvent.upload(page.getByLabelText(t.keyFile), new File([recordsFile.text], 'records.key'));
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(t.needPassphrase);
    expect(asked).toEqual([]);
    await userEvent.fill(page.getByLabelText(t.passphrase), PASSPHRASE);
    await userEvent.click(page.getByRole('button', { name: t.submit }));
    await expect.element(page.getByText(t.none(ja.report.yearLabel(fiscalYearOf(new Date()))))).toBeInTheDocument();
    expect(asked).toEqual([fiscalYearOf(new Date())]);
  });
});
