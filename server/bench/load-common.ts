/**
 * What the load generators share (load.ts, and load-side.ts's two halves of `--attack`): socket
 * options, acks, bounded phases, a pool, each person's network, a counselor's login, and a clock
 * that reads the same in every process on the machine.
 */
import { API, type AckResult, type KdfParamsResponse, type StaffSession } from '@tsunagari/shared';
import { deriveStaffPasswordKeys, toB64 } from '@tsunagari/shared/crypto';
import type sodiumType from 'libsodium-wrappers-sumo';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';

export const connectOpts: Partial<ManagerOptions & SocketOptions> = { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 };
export const ack = <T>(s: Socket, event: string, payload: unknown): Promise<AckResult<T>> => s.timeout(20_000).emitWithAck(event, payload) as Promise<AckResult<T>>;

export function connected(s: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
}

/**
 * Bounds one phase in time: past `limitMs` it reports where it stood and exits, so a stuck run
 * fails loudly instead of leaving the orchestrator waiting.
 */
export function phase(name: string, limitMs: number, progress: () => string = () => ''): () => void {
  const timer = setTimeout(() => {
    process.stderr.write(`load generator: ${name} did not finish within ${limitMs / 1000} s ${progress()}\n`);
    process.exit(2);
  }, limitMs);
  return () => clearTimeout(timer);
}

/** Runs `task` for 0..n-1, at most `limit` at a time. */
export async function pool(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, n) }, async () => {
    while (next < n) await task(next++);
  }));
}

/**
 * With `networks`, every woman and counselor comes from an address of her own, as the relay's
 * trusted proxy reports it (X-Forwarded-For), so per-caller limits see them as the different
 * people they are; without it every socket is 127.0.0.1.
 */
export const addressOf = (networks: boolean | undefined, kind: 'woman' | 'counselor', i: number): Record<string, string> =>
  networks ? { 'x-forwarded-for': kind === 'woman' ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : `172.16.0.${i + 1}` } : {};

export async function login(sodium: typeof sodiumType, url: string, username: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const post = (path: string, body: unknown) => fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const params = (await (await post(API.authParams, { username })).json()) as AckResult<KdfParamsResponse>;
  if (!params.ok) throw new Error(params.error);
  const { authKey } = deriveStaffPasswordKeys(sodium, password, params.data);
  const res = await post(API.login, { username, authKey: toB64(sodium, authKey) });
  const body = (await res.json()) as AckResult<StaffSession>;
  if (!body.ok) throw new Error(`login ${username}: ${body.error}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC, as `process.hrtime` reads it),
 * the same in every process: a message sent by one load process and delivered to another is
 * timed by subtracting the two readings. (`performance.now()` counts from each process's start.)
 */
export const machineMs = (): number => Number(process.hrtime.bigint()) / 1e6;
