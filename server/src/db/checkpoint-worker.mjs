// Runs SQLite WAL checkpoints on a thread of their own, with a connection of its own, so the
// fsync a checkpoint needs never stalls the relay's event loop. Plain JavaScript on purpose: a
// worker thread does not inherit the TypeScript loader the server may run under.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
let timer = null;

function checkpoint(mode) {
  try {
    // PASSIVE copies what no reader still needs and never blocks the writer.
    db.pragma(`wal_checkpoint(${mode})`);
  } catch {
    // Busy: the next round catches up.
  }
}

timer = setInterval(() => checkpoint('PASSIVE'), workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  checkpoint('PASSIVE');
  db.close();
  parentPort.postMessage('stopped');
});
