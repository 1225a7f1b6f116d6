import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';

// Issue 17: backup/restore copy the SQLite file only. Named a PostgreSQL URL, they refuse and say
// what to do, rather than quietly copying the SQLite default (an empty file the operator did not
// mean). (The admin CLI's relay-host commands once refused too; they now open PostgreSQL:
// admin-process.pg.test.ts.)
const PG_URL = 'postgres://relay@127.0.0.1:1/tsunagari';

function run(script: string, args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli', script), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, TSUNAGARI_DB: PG_URL, DEMO: '0' },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('backup and restore named a PostgreSQL database', { timeout: 30_000 }, () => {
  it('backup and restore refuse and point to pg_dump / pg_restore; no file is written', async () => {
    const file = path.join(REPO_ROOT, 'data', `never-${process.pid}.db`);
    const backup = await run('backup.ts', ['backup', '--', file]);
    expect(backup.code).toBe(1);
    expect(backup.err).toMatch(/PostgreSQL.*pg_dump/s);
    expect(fs.existsSync(file)).toBe(false);
    const restore = await run('backup.ts', ['restore', '--', file]);
    expect(restore.code).toBe(1);
    expect(restore.err).toMatch(/pg_restore/);
  });
});
