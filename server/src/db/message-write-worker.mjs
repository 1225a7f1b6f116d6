// Commits message batches on a thread of its own, with a connection of its own, so the relay's
// event loop never waits for SQLite while a batch is written. Plain JavaScript on purpose: a worker
// thread does not inherit the TypeScript loader the tests run under.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { prepareMessageInsert } from './message-insert.mjs';

const db = new Database(workerData.file);
// Pragmas are per connection: the same durability as the server's own (WAL, no fsync per commit),
// and checkpoints stay with the checkpoint thread.
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('wal_autocheckpoint = 0');
const insertMany = prepareMessageInsert(db);

parentPort.on('message', (m) => {
  if (m.type === 'stop') {
    db.close();
    parentPort.postMessage({ type: 'stopped' });
    return;
  }
  try {
    parentPort.postMessage({ type: 'done', batch: m.batch, results: insertMany(m.messages) });
  } catch (err) {
    // Nothing of the batch was committed (one transaction): every sender is told and re-sends.
    parentPort.postMessage({ type: 'failed', batch: m.batch, code: typeof err?.code === 'string' ? err.code : 'UNKNOWN' });
  }
});
