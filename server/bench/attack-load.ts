/**
 * The attacker of `npm run bench -- --attack`, a forked child like the load generator, on
 * 127.0.0.1 only. Mode `attack` runs, until told to stop, the attacks of issue 14 beside the
 * normal load: a login-lockout attempt on every counselor, a history-amplification loop, a
 * message flood from waiting clients and a 200-start urgent queue flood from one IPv6 /64; then
 * it checks whether each counselor can still sign in from her own network. Mode `probe` measures
 * a real woman's queue position while the urgent flood runs, with no counselor on duty (so the
 * queue holds everyone). Whatever limits the relay has, it reports what they let through.
 */
import { randomBytes } from 'node:crypto';
import { API, type KdfParamsResponse, MAX_ENVELOPE_BYTES } from '@tsunagari/shared';
import { deriveStaffPasswordKeys, toB64 } from '@tsunagari/shared/crypto';
import sodium from 'libsodium-wrappers-sumo';
import { io, type Socket } from 'socket.io-client';
import { startProof } from './start-proof.js';
import type { AttackConfig, AttackReport, ProbeReport } from './attack-types.js';

const config = JSON.parse(process.env.BENCH_ATTACK_CONFIG ?? '{}') as AttackConfig;
if (!config.url?.startsWith('http://127.0.0.1:')) throw new Error('the attacker only targets 127.0.0.1');
await sodium.ready;

/** An ack, or TIMEOUT when none came (the attacker counts that too). */
type Answer<T> = { ok: true; data: T } | { ok: false; error: string };
const sockets: Socket[] = [];
/** BENCH_ATTACKS=login,history,flood,urgent runs only those (to see what each costs); all by default. */
const only = process.env.BENCH_ATTACKS?.split(',');
const runs = (name: string) => !only || only.includes(name);
let stopping = false;
/** The flood goes on past the load until this much is acknowledged per consultation, or this long. */
const FLOOD_GOAL_BYTES = 1.5 * 2 ** 20;
const FLOOD_EXTRA_MS = 60_000;
let floodDeadline = Number.POSITIVE_INFINITY;
/**
 * Random base64url (what toB64 makes) from node:crypto. libsodium's randombytes_buf asks the
 * platform for 4 bytes at a time: the flood's ~0.7 MB of random ciphertext took the attacker a
 * whole core for the attack's first three seconds, on the 2 cores the relay and the load share,
 * and the ratio measured that rather than what the relay does with the attack.
 */
const randomB64 = (bytes: number): string => randomBytes(bytes).toString('base64url');
const ack = <T>(s: Socket, event: string, payload: unknown): Promise<Answer<T>> =>
  (s.timeout(20_000).emitWithAck(event, payload) as Promise<Answer<T>>).catch((): Answer<T> => ({ ok: false, error: 'TIMEOUT' }));

/** A client socket from the given address (the relay believes one proxy hop's X-Forwarded-For). */
async function clientFrom(address: string): Promise<Socket | null> {
  const s = io(config.url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000, auth: { role: 'client' }, extraHeaders: { 'x-forwarded-for': address } });
  sockets.push(s);
  const ok = await new Promise<boolean>((resolve) => {
    s.once('connect', () => resolve(true));
    s.once('connect_error', () => resolve(false));
  });
  return ok ? s : null;
}

/**
 * Proofs of work the attack solved before it began (mode `attack`): a challenge works for 30
 * minutes, so a script fetches and solves its proofs ahead, while the queue is quiet and the
 * challenges easy, and then starts at full speed, as the load's women start with theirs solved
 * beforehand. Solving them during the attack spent a core of the attacker for its first two
 * seconds on the 2 cores the relay and the load share; the relay's work per start is the same
 * either way (the challenge made earlier, the proof checked at the start).
 */
const solvedAhead: Awaited<ReturnType<typeof startProof>>[] = [];

async function start(address: string, payload: Record<string, unknown>): Promise<{ socket: Socket; id: string; token: string; position: number } | { error: string }> {
  const s = await clientFrom(address);
  if (!s) return { error: 'CONNECT_REFUSED' };
  const proof = solvedAhead.pop() ?? (await startProof(config.url, { 'x-forwarded-for': address }));
  const r = await ack<{ consultationId: string; clientToken: string; position: number }>(s, 'consultation:start', { ...payload, ...proof });
  return r.ok ? { socket: s, id: r.data.consultationId, token: r.data.clientToken, position: r.data.position } : { error: r.error };
}

async function tryLogin(username: string, password: string | null, address: string): Promise<string> {
  const post = async (path: string, body: unknown) =>
    (await fetch(config.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify(body) })).json() as Promise<Answer<unknown>>;
  const params = (await post(API.authParams, { username })) as Answer<KdfParamsResponse>;
  if (!params.ok) return params.error;
  const authKey = password === null ? randomB64(32) : toB64(sodium, deriveStaffPasswordKeys(sodium, password, params.data).authKey);
  const r = await post(API.login, { username, authKey });
  return r.ok ? 'OK' : r.error;
}

/** Runs `task` for 0..n-1, at most `limit` at a time. */
async function pool(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, n) }, async () => {
    while (next < n && !stopping) await task(next++);
  }));
}

const tally = (into: Record<string, number>, code: string) => void (into[code] = (into[code] ?? 0) + 1);

/** The largest ciphertext the relay accepts now: tried from the protocol's maximum down. */
async function largestAccepted(s: Socket, id: string): Promise<{ bytes: number; seq: number }> {
  const nonce = randomB64(24);
  let bytes = MAX_ENVELOPE_BYTES;
  for (let seq = 1; bytes >= 256; seq++, bytes = Math.floor(bytes / 2)) {
    const r = await ack(s, 'message:send', { consultationId: id, keyEpoch: 0, seq, nonce, ciphertext: randomB64(bytes) });
    if (r.ok || r.error === 'RATE_LIMITED') return { bytes, seq };
  }
  return { bytes, seq: 1 };
}

async function attack(): Promise<AttackReport> {
  const report: AttackReport = { attackerConsultations: [], starts: {}, urgentStarts: {}, sends: {}, floodAckedBytes: [], lists: {}, listedBytes: 0, logins: {}, lockedOut: [] };
  const loops: Promise<void>[] = [];

  // Lockout: wrong passwords for every counselor from two attacker networks, then on and on.
  if (runs('login')) loops.push(
    (async () => {
      for (let round = 0; !stopping && round < 1000; round++) {
        await pool(config.usernames.length, 10, async (i) => {
          for (const net of ['203.0.113.66', '203.0.113.67']) tally(report.logins, await tryLogin(config.usernames[i] as string, null, net));
        });
      }
    })(),
  );

  // History amplification: fill one consultation, then ask for its history again and again.
  if (runs('history')) loops.push(
    (async () => {
      const c = await start('198.18.0.1', {});
      if ('error' in c) return void tally(report.starts, c.error);
      report.attackerConsultations.push(c.id);
      const nonce = randomB64(24);
      const { bytes, seq: first } = await largestAccepted(c.socket, c.id);
      const body = randomB64(bytes);
      for (let seq = first + 1; seq < first + 200 && !stopping; seq++) {
        const r = await ack(c.socket, 'message:send', { consultationId: c.id, keyEpoch: 0, seq, nonce, ciphertext: body });
        if (!r.ok) break;
      }
      await pool(1_000_000, 4, async () => {
        const r = await ack<{ messages: { ciphertext: string }[] }>(c.socket, 'message:list', { consultationId: c.id });
        tally(report.lists, r.ok ? 'OK' : r.error);
        if (r.ok) report.listedBytes += r.data.messages.reduce((t, m) => t + m.ciphertext.length, 0);
      });
    })(),
  );

  // Message flood from waiting clients, each from a network of its own, as fast as acks come back.
  // It outlasts the load (up to a minute more) until each has had 1.5 MB acknowledged or a refusal
  // other than RATE_LIMITED: a per-consultation budget shows as that refusal, its absence as
  // stored bytes past the target.
  if (runs('flood')) loops.push(
    pool(config.floodClients, config.floodClients, async (i) => {
      const c = await start(`198.18.1.${i + 1}`, {});
      if ('error' in c) return void tally(report.starts, c.error);
      report.attackerConsultations.push(c.id);
      const nonce = randomB64(24);
      const { bytes, seq: first } = await largestAccepted(c.socket, c.id);
      const body = randomB64(bytes);
      let acked = 0;
      const going = () => !stopping || (acked < FLOOD_GOAL_BYTES && Date.now() < floodDeadline);
      for (let seq = first + 1; seq < 1_000_000 && going(); seq++) {
        const r = await ack(c.socket, 'message:send', { consultationId: c.id, keyEpoch: 0, seq, nonce, ciphertext: body });
        tally(report.sends, r.ok ? 'OK' : r.error);
        if (r.ok) acked += body.length;
        else if (r.error !== 'RATE_LIMITED') break;
      }
      report.floodAckedBytes.push(acked);
    }),
  );

  // Urgent queue flood: 200 starts from one IPv6 /64, each socket left waiting.
  if (runs('urgent')) loops.push(
    pool(config.queueFlood, 50, async (i) => {
      const c = await start(`2001:db8:a77a:1::${(i + 1).toString(16)}`, { urgent: true });
      tally(report.urgentStarts, 'error' in c ? c.error : 'OK');
      if (!('error' in c)) report.attackerConsultations.push(c.id);
    }),
  );

  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  stopping = true;
  floodDeadline = Date.now() + FLOOD_EXTRA_MS;
  await Promise.race([Promise.all(loops), new Promise((r) => setTimeout(r, FLOOD_EXTRA_MS + 15_000))]);
  // Can every counselor still sign in, each from her own network, with her password?
  for (const [i, username] of config.usernames.entries()) {
    const outcome = await tryLogin(username, config.passwords[i] as string, `192.0.2.${i + 100}`);
    if (outcome !== 'OK') report.lockedOut.push(`${username}: ${outcome}`);
  }
  return report;
}

async function probe(): Promise<ProbeReport> {
  const women: { id: string; token: string; address: string; ahead: number }[] = [];
  const real = async (address: string) => {
    const c = await start(address, {});
    if ('error' in c) throw new Error(`a real woman's start was refused: ${c.error}`);
    women.push({ id: c.id, token: c.token, address, ahead: women.length });
  };
  for (let i = 1; i <= config.womenBefore; i++) await real(`10.200.0.${i}`);
  const urgentStarts: Record<string, number> = {};
  await pool(config.queueFlood, 50, async (i) => {
    const c = await start(`2001:db8:a77a:1::${(i + 1).toString(16)}`, { urgent: true });
    tally(urgentStarts, 'error' in c ? c.error : 'OK');
  });
  for (let i = 1; i <= config.womenAfter; i++) await real(`10.200.1.${i}`);
  // Each woman's place now, as her widget would see it on reconnecting.
  const positions: { position: number; ahead: number }[] = [];
  for (const w of women) {
    const s = await clientFrom(w.address);
    const r = s ? await ack<{ position: number | null }>(s, 'consultation:resume', { consultationId: w.id, clientToken: w.token }) : null;
    if (!r?.ok) throw new Error(`resume failed: ${r ? r.error : 'connect'}`);
    positions.push({ position: r.data.position ?? 0, ahead: w.ahead });
  }
  return { urgentStarts, positions };
}

const mode = process.env.BENCH_ATTACK_MODE;
// One proof for every start the attack may make: each flooding client, the history loop, each urgent start.
if (mode === 'attack') {
  const starts = (runs('flood') ? config.floodClients : 0) + (runs('history') ? 1 : 0) + (runs('urgent') ? config.queueFlood : 0);
  await pool(starts, 4, async () => void solvedAhead.push(await startProof(config.url, { 'x-forwarded-for': '198.18.200.1' })));
}
process.once('message', () => {
  const run = mode === 'probe' ? probe().then((r) => process.send?.({ type: 'probe', report: r })) : attack().then((r) => process.send?.({ type: 'report', report: r }));
  run.catch((err: unknown) => {
    process.stderr.write(`attacker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
});
process.send?.({ type: 'ready' });
process.once('disconnect', () => {
  for (const s of sockets) s.disconnect();
  setTimeout(() => process.exit(0), 200);
});
