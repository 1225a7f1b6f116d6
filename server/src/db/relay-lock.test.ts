import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimRelayLock, runningRelay } from './relay-lock.js';

describe('relay lock', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('is claimed on a fresh clone, whose data folder does not exist yet (npm start)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-lock-'));
    dirs.push(root);
    const db = path.join(root, 'data', 'demo.sqlite');
    const release = claimRelayLock(db);
    expect(runningRelay(db)).toBe(process.pid);
    release();
    expect(runningRelay(db)).toBeNull();
  });
});
