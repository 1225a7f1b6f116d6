import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';
import { claimRelayLock, runningRelay } from './relay-lock.js';

/**
 * Copies the database to `file` while the relay keeps running: SQLite's online backup API, page
 * by page through a connection of its own, so the copy is one consistent moment (every message
 * acknowledged before it started is in it) and the relay's writes carry on meanwhile. Refuses to
 * overwrite an existing file. Returns the number of pages copied.
 */
export async function backupDatabase(dbPath: string, file: string): Promise<number> {
  if (!fs.existsSync(dbPath)) throw new Error(`no database at ${dbPath}`);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file name for the backup`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const source = new Database(dbPath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const { totalPages } = await source.backup(file);
    checkBackup(file);
    return totalPages;
  } finally {
    source.close();
  }
}

/** Throws unless `file` is an intact Tsunagari database this relay's code can open. */
export function checkBackup(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('quick_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} is damaged (${String(integrity)})`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1) throw new Error(`${file} is not a Tsunagari chat database`);
    if (version > migrations.length) throw new Error(`${file} comes from a newer relay (schema ${version}; this one knows ${migrations.length}): restore it with that version`);
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place of the database. Refuses while a relay runs on it (stop the relay
 * first). The current file is kept beside it as `<db>.before-restore-<time>`, never deleted, and
 * the backup is copied in under a temporary name and renamed, so a failure halfway leaves the old
 * database whole. Returns where the previous database was kept (null if there was none).
 */
export function restoreDatabase(file: string, dbPath: string, now = new Date()): string | null {
  const running = runningRelay(dbPath);
  if (running !== null) throw new Error(`a relay (pid ${running}) is running on ${dbPath}; stop it, then restore`);
  checkBackup(file);
  const release = claimRelayLock(dbPath, 'restore');
  try {
    let kept: string | null = null;
    if (fs.existsSync(dbPath)) {
      // Fold the write-ahead log into the file first, so the copy kept aside is complete on its own.
      const current = new Database(dbPath, { fileMustExist: true });
      current.pragma('wal_checkpoint(TRUNCATE)');
      current.close();
      kept = `${dbPath}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(dbPath, kept);
    }
    for (const extra of ['-wal', '-shm']) fs.rmSync(dbPath + extra, { force: true });
    const incoming = `${dbPath}.restoring`;
    fs.copyFileSync(file, incoming);
    fs.renameSync(incoming, dbPath);
    return kept;
  } finally {
    release();
  }
}
