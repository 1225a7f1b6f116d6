import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.js';
import { startMessageWriterThread } from '../db/message-writer-thread.js';
import { MessageBatcher } from './message-batcher.js';
import type { MessageWriter } from './message-writer.js';
import { createSqliteRepositories } from './sqlite.js';
import type { MessageRepository, NewMessage } from './types.js';

/** Both writers keep the same promises: one commit per turn, ack after commit, re-sends stored once. */
const writers: [string, (repo: MessageRepository, file: string) => MessageWriter][] = [
  ['on the event loop (MessageBatcher)', (repo) => new MessageBatcher(repo)],
  ['on a worker thread', (_repo, file) => startMessageWriterThread(file)],
];

describe.each(writers)('message writer %s (real SQLite file)', (_name, makeWriter) => {
  let dir: string;
  let db: Db;
  let writer: MessageWriter | null = null;
  afterEach(async () => {
    await writer?.stop();
    writer = null;
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function setup() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-batch-'));
    db = openDatabase(path.join(dir, 'b.db'));
    const repos = createSqliteRepositories(db);
    repos.consultations.insert({
      id: 'consultation-0000000001', clientTokenHash: 'h', status: 'waiting', campaign: null, urgent: false,
      queuedAt: '2026-01-01T00:00:00.000Z', assignedStaffId: null, assignedAt: null, endedAt: null, endReason: null, endedBy: null,
    });
    let commits = 0;
    const counted = { ...repos.messages, insertMany: (b: readonly NewMessage[]) => (commits++, repos.messages.insertMany(b)) };
    writer = makeWriter(counted, path.join(dir, 'b.db'));
    return { batcher: writer, commits: () => commits };
  }
  const msg = (seq: number, nonce = 'n'.repeat(32)): NewMessage => ({
    consultationId: 'consultation-0000000001', senderRole: 'client', senderStaffId: null, seq, nonce, ciphertext: `c${seq}`, sentAt: '2026-01-01T00:00:01.000Z',
  });
  const count = () => (db.prepare('SELECT COUNT(*) AS n FROM message').get() as { n: number }).n;

  it('commits the writes of one turn together and answers each only after the commit', async () => {
    const { batcher, commits } = setup();
    // Seen from the server's own connection, each answered row is already committed.
    const visibleWhenAnswered: boolean[] = [];
    const written = await Promise.all(
      [1, 2, 3].map((seq) => batcher.write(msg(seq)).then((w) => (visibleWhenAnswered.push(count() >= 3), w))),
    );
    expect(visibleWhenAnswered).toEqual([true, true, true]);
    // The batcher commits through the repository (counted); the thread has a connection of its own.
    if (batcher instanceof MessageBatcher) expect(commits()).toBe(1);
    expect(written.map((w) => [w.message.seq, w.created])).toEqual([[1, true], [2, true], [3, true]]);
    expect(count()).toBe(3);
    // The answers carry the stored ids, in order.
    expect(new Set(written.map((w) => w.message.id)).size).toBe(3);
  });

  it('stores a re-send in the same turn once, answering both with the same row', async () => {
    const { batcher } = setup();
    const [a, b] = await Promise.all([batcher.write(msg(7)), batcher.write(msg(7))]);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.message.id).toBe(a.message.id);
    expect(count()).toBe(1);
  });

  it('when the transaction fails, every write of the turn is refused and nothing is stored', async () => {
    const { batcher } = setup();
    const bad = { ...msg(2), consultationId: 'no-such-consultation-01' }; // foreign key fails
    const results = await Promise.allSettled([batcher.write(msg(1)), batcher.write(bad)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(count()).toBe(0);
  });

  it('stop() commits what was accepted, then refuses new writes (shutdown)', async () => {
    const { batcher } = setup();
    const pending = batcher.write(msg(1));
    await batcher.stop();
    expect(count()).toBe(1);
    expect((await pending).created).toBe(true);
    if (!(batcher instanceof MessageBatcher)) await expect(batcher.write(msg(2))).rejects.toThrow('stopped');
  });

  it('answers a re-send in a later turn with the row first stored', async () => {
    const { batcher } = setup();
    const first = await batcher.write(msg(5));
    const again = await batcher.write(msg(5));
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.message).toEqual(first.message);
  });
});
