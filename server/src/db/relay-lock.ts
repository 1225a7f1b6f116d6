import fs from 'node:fs';

/**
 * A file beside the database that names the relay process running on it. One relay per file:
 * its consultation rows are cached in memory on the assumption that it is their only writer, and
 * a restore must never replace the file under a running relay.
 */
export const relayLockPath = (dbPath: string): string => `${dbPath}.relay-pid`;

/** The pid of a live relay holding the database, or null (no lock file, or its process is gone). */
export function runningRelay(dbPath: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(relayLockPath(dbPath), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (caught) {
    // EPERM: the process exists but belongs to someone else; it still holds the file.
    return (caught as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/**
 * Claims the database for this process (a stale lock from a crashed relay is taken over);
 * throws when another live process holds it. Returns the release function.
 */
export function claimRelayLock(dbPath: string, what = 'relay'): () => void {
  const holder = runningRelay(dbPath);
  if (holder !== null && holder !== process.pid) {
    throw new Error(`another process (pid ${holder}) is running on ${dbPath}; stop it before starting a ${what} on this database`);
  }
  fs.writeFileSync(relayLockPath(dbPath), `${process.pid}\n`, { mode: 0o600 });
  return () => {
    if (runningRelay(dbPath) === process.pid) fs.rmSync(relayLockPath(dbPath), { force: true });
  };
}
