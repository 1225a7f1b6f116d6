import fs from 'node:fs';
import type { CaseLogAddPayload, ListedCaseNote } from '@tsunagari/shared';
import { MAX_NOTE_CHARS, openRecordsNote, SEALED_NOTE_LENGTHS, sealRecordsNote } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { call, connected, manualClock, send, serverPerTest, signIn } from './harness.js';

/**
 * A free-text note on a case-log entry, sealed to the records key in the staff member's browser
 * (issue 16): the relay stores and returns only the padded sealed box; a supervisor holding the
 * records key opens it; the plaintext is in neither the database file, its WAL, nor the log.
 */
describe('a case-log note sealed to the records key', () => {
  const servers = serverPerTest();
  const phoneCall: CaseLogAddPayload = { channel: 'phone', date: '2026-06-15', durationBand: '15-30', contact: 'first', topics: ['虐待・DV'], outcome: 'referral' };
  const NOTE = '夫が家にいない時間帯（平日の昼）なら電話できるとのこと。次回は法テラスの案内を。';
  const SECOND = '折り返しは不要。本人から週明けにかけ直す。';

  it('the relay keeps only ciphertext; a supervisor opens it with the records key; a counselor may not list notes', async () => {
    const server = await servers.start({ clock: manualClock('2026-06-15T19:30:00+09:00') });
    const { sodium } = server;
    // The records key pair: its secret half stays with the supervisors, never given to the relay.
    const records = sodium.crypto_box_keypair();
    const recordsPublic = sodium.to_base64(records.publicKey);
    const [sato, boss] = await Promise.all([signIn(server, 'sato'), signIn(server, 'boss')]);
    servers.track(sato, boss);
    await Promise.all([sato, boss].map(connected));

    const sealed = sealRecordsNote(sodium, recordsPublic, NOTE);
    const entry = await call(sato, 'caselog:add', { ...phoneCall, note: sealed });
    expect(entry.note).toBe(sealed);
    // Padded: a short note and a long one seal to the same length.
    expect(sealRecordsNote(sodium, recordsPublic, 'はい').length).toBe(sealed.length);
    expect(SEALED_NOTE_LENGTHS).toContain(sealed.length);
    // A correction may replace the note (or keep it by sending it back as it was).
    const other = await call(sato, 'caselog:add', { ...phoneCall, channel: 'mail', note: sealRecordsNote(sodium, recordsPublic, 'あとで書き直す') });
    await call(sato, 'caselog:correct', { entryId: other.id, ...phoneCall, channel: 'mail', note: sealRecordsNote(sodium, recordsPublic, SECOND) });
    await call(sato, 'caselog:add', phoneCall); // no note: not listed

    const notes: ListedCaseNote[] = (await call(boss, 'caselog:notes', { fiscalYear: 2026 })).notes;
    expect(notes.map((n) => [n.entryId, n.channel, n.date])).toEqual([
      [entry.id, 'phone', '2026-06-15'],
      [other.id, 'mail', '2026-06-15'],
    ]);
    // Each with its entry's closed-list fields, for the reader to show beside the opened note.
    expect(notes[0]).toMatchObject({ topics: ['虐待・DV'], outcome: 'referral', durationBand: '15-30', contact: 'first', ageBand: null });
    expect(notes.map((n) => openRecordsNote(sodium, records, n.note))).toEqual([NOTE, SECOND]);
    // Another key pair cannot open it.
    expect(() => openRecordsNote(sodium, sodium.crypto_box_keypair(), notes[0]!.note)).toThrow(/did not open/);
    expect(await send(sato, 'caselog:notes', { fiscalYear: 2026 })).toEqual({ ok: false, error: 'FORBIDDEN' });

    // The relay never saw the plaintext: not in the file, not in the WAL, not in the log. The
    // search is real: the sealed notes themselves are found in the same bytes.
    const bytes = Buffer.concat([server.dbPath, `${server.dbPath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    for (const n of notes) expect(bytes.includes(Buffer.from(n.note))).toBe(true);
    for (const text of [NOTE, SECOND, '法テラス', 'あとで書き直す']) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      expect(server.logs.join('\n')).not.toContain(text);
    }
  });

  it('refuses a note in clear, a length between the padded sizes, or too long a note; nothing is stored', async () => {
    const server = await servers.start({ clock: manualClock('2026-06-15T12:00:00+09:00') });
    const sato = await signIn(server, 'sato');
    servers.track(sato);
    await connected(sato);
    const recordsPublic = server.sodium.to_base64(server.sodium.crypto_box_keypair().publicKey);
    const sealed = sealRecordsNote(server.sodium, recordsPublic, '短いメモ');
    for (const note of ['夫の名前は山田', 'plain text note', sealed.slice(1), `${sealed}A`, `${sealed.slice(0, -1)}=`, '']) {
      expect(await send(sato, 'caselog:add', { ...phoneCall, note }), note.slice(0, 20)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    expect(() => sealRecordsNote(server.sodium, recordsPublic, 'あ'.repeat(MAX_NOTE_CHARS + 1))).toThrow();
    expect(() => sealRecordsNote(server.sodium, recordsPublic, '   ')).toThrow();
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM case_log').get()).toEqual({ n: 0 });
  });
});
