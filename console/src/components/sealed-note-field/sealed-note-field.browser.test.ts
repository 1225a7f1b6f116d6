import type { CaseLogAddPayload, CaseLogEntry } from '@tsunagari/shared';
import { openRecordsNote, toB64 } from '@tsunagari/shared/crypto';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import { CaseLogController } from '../../services/case-log.controller.js';
import { sealCaseNote } from '../../services/records-notes.js';
import { loadSodium } from '../../services/staff-crypto.js';
import type { WorkspaceContext } from '../../services/workspace-context.js';
import type { TsgCaseLogForm } from '../case-log-form/case-log-form.component.js';
import '../case-log-form/case-log-form.js';

const t = ja.sealedNote;
const NOTE = '夜は夫がいるので、昼の12時から13時なら電話に出られる。';

/**
 * A relay that names its own records key in every answer (as an extra field of each entry and of
 * the list): the stand-in for a compromised relay. The console must seal only to the key pinned
 * in its config, which the workspace passes to the form as `sealNote`, exactly as here.
 */
function lyingRelay(relayKey: string) {
  const sent: { event: string; payload: CaseLogAddPayload & { entryId?: string } }[] = [];
  let n = 0;
  const request = (async (event: string, payload: CaseLogAddPayload & { entryId?: string }) => {
    if (event === 'caselog:mine') return { ok: true, data: { entries: [], recordsPublicKey: relayKey } };
    sent.push({ event, payload });
    const { entryId, ...fields } = payload;
    const entry: CaseLogEntry & { recordsPublicKey: string } = {
      ...fields,
      id: entryId ?? `entry-${++n}`,
      ageBand: fields.ageBand ?? null,
      note: fields.note ?? null,
      staffId: 'staff-sato',
      recordedAt: new Date().toISOString(),
      correctedAt: null,
      recordsPublicKey: relayKey,
    };
    return { ok: true, data: entry };
  }) as unknown as WorkspaceContext['socket']['request'];
  return { sent, request };
}

async function harness(pinned: string | null, relayKey: string) {
  const relay = lyingRelay(relayKey);
  const form = document.createElement('tsg-case-log-form') as TsgCaseLogForm;
  const host: ReactiveControllerHost = {
    addController: (_: ReactiveController) => {},
    removeController: (_: ReactiveController) => {},
    requestUpdate: () => {
      form.editing = controller.editing;
      form.lastOutcome = controller.lastOutcome;
    },
    updateComplete: Promise.resolve(true),
  };
  const ctx = { host, socket: { request: relay.request, listen: () => {} }, announce: () => {} } as unknown as WorkspaceContext;
  const controller = new CaseLogController(ctx);
  await controller.load();
  form.submit = controller.save;
  form.cancelEdit = controller.cancelEdit;
  form.sealNote = pinned ? (text) => sealCaseNote(pinned, text) : null;
  document.body.append(form);
  await form.updateComplete;
  return { form, relay, controller };
}

/** Picks the first topic by keyboard (the one field a call needs). */
async function pickTopic(form: TsgCaseLogForm) {
  form.focusTopic();
  await expect.poll(() => form.shadowRoot?.activeElement?.id).toBe('cl-topic-1');
  await userEvent.keyboard('{ArrowDown}');
}

describe('the case-log note, sealed to the pinned records key', () => {
  afterEach(() => document.body.replaceChildren());

  it('seals to the pinned key only, whatever key the relay names; Enter is a new line, Ctrl+Enter saves; the field empties', async () => {
    const sodium = await loadSodium();
    const pinned = sodium.crypto_box_keypair();
    const relays = sodium.crypto_box_keypair();
    const { form, relay } = await harness(toB64(sodium, pinned.publicKey), toB64(sodium, relays.publicKey));
    const note = page.getByRole('textbox', { name: t.label });
    await expect.element(note).toHaveAccessibleDescription(expect.stringContaining('お名前・電話番号・住所'));
    await pickTopic(form);
    await userEvent.click(note);
    await userEvent.keyboard('1行目{Enter}2行目');
    expect(relay.sent).toEqual([]); // Enter in the note did not save
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await expect.poll(() => relay.sent.length).toBe(1);
    const sealed = relay.sent[0]!.payload.note!;
    expect(openRecordsNote(sodium, pinned, sealed)).toBe('1行目\n2行目');
    expect(() => openRecordsNote(sodium, relays, sealed)).toThrow(/did not open/);
    expect(JSON.stringify(relay.sent)).not.toContain('1行目');
    await expect.element(note).toHaveValue('');

    // A second call: a longer note, sealed to the pinned key again.
    await pickTopic(form);
    await userEvent.fill(note, NOTE);
    await userEvent.click(page.getByRole('button', { name: ja.caseLog.submit }));
    await expect.poll(() => relay.sent.length).toBe(2);
    expect(openRecordsNote(sodium, pinned, relay.sent[1]!.payload.note!)).toBe(NOTE);
    expect(() => openRecordsNote(sodium, relays, relay.sent[1]!.payload.note!)).toThrow(/did not open/);
    expect([localStorage.length, sessionStorage.length]).toEqual([0, 0]);
  });

  it('is skipped by default (no note sent), keeps an old sealed note on a correction unless a new one is written', async () => {
    const sodium = await loadSodium();
    const pinned = sodium.crypto_box_keypair();
    const { form, relay, controller } = await harness(toB64(sodium, pinned.publicKey), toB64(sodium, sodium.crypto_box_keypair().publicKey));
    await pickTopic(form);
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => relay.sent.length).toBe(1);
    expect(relay.sent[0]!.payload).not.toHaveProperty('note');

    // An entry with a note, corrected without touching the note: the sealed note goes back as it was.
    await pickTopic(form);
    await userEvent.fill(page.getByRole('textbox', { name: t.label }), '最初のメモ');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await expect.poll(() => relay.sent.length).toBe(2);
    const first = relay.sent[1]!.payload.note!;
    const entryId = controller.entries![0]!.id;
    controller.edit(entryId);
    await expect.element(page.getByText(t.hasNote)).toBeInTheDocument();
    await userEvent.click(page.getByRole('button', { name: ja.caseLog.correct }));
    await expect.poll(() => relay.sent.length).toBe(3);
    expect(relay.sent[2]).toMatchObject({ event: 'caselog:correct', payload: { entryId, note: first } });
    // Corrected with a new note: the new one replaces it.
    controller.edit(entryId);
    await userEvent.fill(page.getByRole('textbox', { name: t.label }), '書き直したメモ');
    await userEvent.click(page.getByRole('button', { name: ja.caseLog.correct }));
    await expect.poll(() => relay.sent.length).toBe(4);
    expect(openRecordsNote(sodium, pinned, relay.sent[3]!.payload.note!)).toBe('書き直したメモ');
  });

  it('an unsaved note leaves the page on the idle lock (forgetNote), the rest of the draft stays', async () => {
    const sodium = await loadSodium();
    const { form, relay } = await harness(toB64(sodium, sodium.crypto_box_keypair().publicKey), toB64(sodium, sodium.crypto_box_keypair().publicKey));
    await pickTopic(form);
    const note = page.getByRole('textbox', { name: t.label });
    await userEvent.fill(note, NOTE);
    form.forgetNote();
    await expect.element(note).toHaveValue('');
    await expect.element(page.getByRole('combobox', { name: ja.caseLog.topic(1), exact: true })).toHaveValue('生活困窮');
    expect(relay.sent).toEqual([]);
  });

  it('has no note field when no records key is pinned', async () => {
    const sodium = await loadSodium();
    const { form, relay } = await harness(null, toB64(sodium, sodium.crypto_box_keypair().publicKey));
    await expect.element(page.getByRole('form', { name: ja.caseLog.heading })).toBeInTheDocument();
    await expect.element(page.getByRole('textbox', { name: t.label })).not.toBeInTheDocument();
    await pickTopic(form);
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => relay.sent.length).toBe(1);
    expect(relay.sent[0]!.payload).not.toHaveProperty('note');
  });
});
