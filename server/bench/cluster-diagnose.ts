/**
 * `BENCH_PG_STATEMENTS=file` with `--nodes N` (issue 17): where the cluster's work per message goes.
 * PostgreSQL is started with pg_stat_statements; its counts are reset when the exchange starts and
 * read when it ends, so `calls / sent` is each statement's count per message sent. The adapter's
 * Redis stream is tallied by packet (the last ~10,000 entries it keeps, read after our phase).
 * Both go to the file as JSON and, shortened, to the output. Off by default: the statement counts
 * cost PostgreSQL a little CPU, so a run with them is not one to quote the CPU figures of.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { REDIS } from '../../scripts/debian-services.mjs';

const file = process.env.BENCH_PG_STATEMENTS;

/** PostgreSQL settings for the run: pg_stat_statements loaded when asked for. */
export const diagnoseSettings = (): string[] => (file ? ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all'] : []);

/** Counts statements from now on (the exchange's start). */
export async function startCounting(pool: pg.Pool): Promise<void> {
  if (!file) return;
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await pool.query('SELECT pg_stat_statements_reset()');
}

/** One statement's counts during the exchange. */
export interface Statement {
  calls: number;
  exec_ms: number;
  rows: number;
  query: string;
}

/** The statements since startCounting, most called first. */
export async function statementsSince(pool: pg.Pool): Promise<Statement[]> {
  if (!file) return [];
  const r = await pool.query<{ calls: string; exec_ms: number; rows: string; query: string }>(
    "SELECT calls, total_exec_time AS exec_ms, rows, query FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT 40",
  );
  return r.rows.map((s) => ({ calls: Number(s.calls), exec_ms: Math.round(s.exec_ms), rows: Number(s.rows), query: s.query.replace(/\s+/g, ' ').slice(0, 200) }));
}

/** The adapter's packet types (socket.io-adapter's MessageType) this tally names. */
const PACKET: Record<string, string> = { '1': 'hello', '2': 'heartbeat', '3': 'broadcast', '4': 'sockets-join', '5': 'sockets-leave', '6': 'disconnect-sockets', '7': 'fetch-sockets', '9': 'server-side-emit' };

/** A broadcast's or a server-side emit's event name, from the adapter's JSON (binary ones are msgpack: named so). */
function eventOf(data: string): string {
  if (!data.startsWith('{')) return data ? '(binary)' : '';
  try {
    const d = JSON.parse(data) as { packet?: { data?: unknown[] }; opts?: { rooms?: string[] }; data?: unknown[] };
    const name = d.packet?.data?.[0] ?? d.data?.[0];
    return typeof name === 'string' ? name : '';
  } catch {
    return '(unreadable)';
  }
}

/**
 * The adapter's stream entries Redis still keeps, by packet: the adapter's packet type and, for a
 * broadcast or a server-side emit, the event's name.
 */
export function streamTally(redisSocket: string, stream: string): Record<string, number> {
  if (!file) return {};
  const r = spawnSync(path.join(path.dirname(REDIS), 'redis-cli'), ['-s', redisSocket, 'XRANGE', stream, '-', '+'], { encoding: 'utf8', maxBuffer: 1 << 29 });
  const lines = r.stdout.split('\n');
  const tally: Record<string, number> = {};
  // Each entry: its id, then field and value lines (uid, nsp, type, data); `data` is the last.
  let type = '';
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === 'type') type = lines[i + 1] ?? '';
    if (lines[i] !== 'data' && !(lines[i] === 'type' && lines[i + 2] !== 'data')) continue;
    const key = `${PACKET[type] ?? type} ${lines[i] === 'data' ? eventOf(lines[i + 1] ?? '') : ''}`.trim();
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(tally).sort((a, b) => b[1] - a[1]));
}

/** Writes what was found to the file named by BENCH_PG_STATEMENTS, and the most called statements to the output. */
export function writeDiagnosis(found: { sent: number; statements: (Statement & { per_message: number })[]; stream: Record<string, number>; baseline_stream: Record<string, number> }, say: (line: string) => void): void {
  if (!file) return;
  fs.writeFileSync(file, JSON.stringify(found, null, 2));
  say(`  PostgreSQL statements during the exchange (${found.sent} sent), most called first:`);
  for (const s of found.statements.slice(0, 12)) say(`    ${s.per_message}/msg  ${s.calls} calls  ${s.exec_ms} ms  ${s.query.slice(0, 100)}`);
  say(`  adapter stream, last entries by packet: ${JSON.stringify(found.stream)}`);
  say(`  statement counts and stream tally written to ${file}`);
}
