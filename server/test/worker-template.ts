import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A folder of files made once per test worker, the first time `fill` is asked for, and removed
 * when the worker exits: what many tests would otherwise each make at a cost (a seeded database,
 * key files), copied into their own folders instead. Returns a function that resolves to it.
 */
export function oncePerWorker(prefix: string, fill: (dir: string) => Promise<void>): () => Promise<string> {
  let made: Promise<string> | null = null;
  return () =>
    (made ??= (async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
      await fill(dir);
      return dir;
    })());
}
