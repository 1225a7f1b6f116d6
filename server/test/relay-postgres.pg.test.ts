import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newSessionKey, sealEpochMessage } from '@tsunagari/shared/crypto';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSodium } from '../src/sodium.js';
import { call, type ClientSocket, connected } from './harness.js';
import { freshPgDatabase } from './postgres-server.js';
import { startRelayProcess } from './relay-process.js';

// Issue 17: the relay as `npm start` runs it, with TSUNAGARI_DB naming a real PostgreSQL database
// (a fresh, empty one: the relay migrates it itself).
let database: Awaited<ReturnType<typeof freshPgDatabase>>;
let dir: string;
beforeAll(async () => {
  database = await freshPgDatabase(inject('pgBaseUrl'), 'template0');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-relay-pg-'));
});
afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The relay's sessions on the database, other than the test's own. */
async function relayConnections(): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return rows[0]?.n ?? -1;
}

describe('a relay started with TSUNAGARI_DB=postgres://…', { timeout: 60_000 }, () => {
  it('migrates and seeds the demo in PostgreSQL, stores her message there, and on SIGTERM exits 0 leaving no session on the database', async () => {
    const relay = await startRelayProcess({ DEMO: '1', STAFF_KDF: 'min', TSUNAGARI_DB: database.url, TSUNAGARI_POW_COUNTER: '0', PORT: '0', LOG_LEVEL: 'silent' }, /Demo logins/);
    const { child, exited } = relay;
    const out = relay.out();
    expect(out).toMatch(/Database: +PostgreSQL 127\.0\.0\.1:\d+\/t_/);
    expect(out).not.toMatch(/\.sqlite/);
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? '';

    // Migrated and seeded through the PostgreSQL repositories.
    const staff = await database.pool.query<{ username: string }>("SELECT username FROM staff WHERE status = 'active' ORDER BY username");
    expect(staff.rows.map((r) => r.username)).toContain('sato');

    const sodium = await loadSodium();
    const client: ClientSocket = connect(url, { auth: { role: 'client' }, transports: ['websocket'], reconnection: false, forceNew: true });
    await connected(client);
    const { consultationId } = await call(client, 'consultation:start', {});
    const sealed = sealEpochMessage(sodium, newSessionKey(sodium), { consultationId, senderRole: 'client', keyEpoch: 0, seq: 1 }, { kind: 'text', text: 'たすけて' });
    const acked = await call(client, 'message:send', sealed);
    // Acknowledged only after its commit: it is in PostgreSQL now, as sealed (never the text).
    const stored = await database.pool.query<{ id: number; ciphertext: string; status: string }>(
      'SELECT m.id, m.ciphertext, c.status FROM message m JOIN consultation c ON c.id = m.consultation_id WHERE m.consultation_id = $1',
      [consultationId],
    );
    expect(stored.rows).toEqual([{ id: acked.id, ciphertext: sealed.ciphertext, status: 'waiting' }]);
    expect(await relayConnections()).toBeGreaterThan(0);

    const dropped = new Promise<string>((resolve) => client.once('disconnect', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await dropped).toBe('transport close');
    // No session of the relay is left on the database. (Exiting would close them too; that the
    // pool is ended first, after the batcher's flush, is main.ts's order, not seen from here.)
    expect(await relayConnections()).toBe(0);
  });
});
