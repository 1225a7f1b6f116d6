/**
 * One half of `npm run bench -- --attack`'s normal load, a forked child like load.ts
 * (`BENCH_LOAD_SIDE`): `counselors` signs the M counselors in, puts them on duty and accepts every
 * offer; `women` connects the N women, solves their proofs and starts them. Then each sends its
 * half of the messages (rate/2 a second, to random pairs) and notes, on the machine's clock, when
 * each of its messages left and when each of the other side's arrived; the orchestrator
 * (load-split.ts) joins the two.
 *
 * Why two processes: under attack the counselors are offered the attacker's consultations and
 * receive its flood (megabytes of envelopes to decode), and with the women in the same process that
 * work delayed the women's deliveries too, so the measured p99 was partly the load generator's.
 * Split, the women's process carries no attack traffic at all and the counselors' only what a
 * counselor's screen would; both phases (alone and under attack) use the same layout.
 * Every loop is bounded in count and time; it talks only to the 127.0.0.1 URL it is given.
 */
import type { AckResult } from '@tsunagari/shared';
import { toB64 } from '@tsunagari/shared/crypto';
import sodium from 'libsodium-wrappers-sumo';
import { io, type Socket } from 'socket.io-client';
import { ack, addressOf, connected, connectOpts, login, machineMs, phase, pool } from './load-common.js';
import { startProof } from './start-proof.js';
import { type LoadConfig, type SideReport, watchStalls } from './stats.js';

const config = JSON.parse(process.env.BENCH_LOAD ?? '{}') as LoadConfig;
const side = process.env.BENCH_LOAD_SIDE as 'women' | 'counselors';
if (!config.url?.startsWith('http://127.0.0.1:') || config.urls) throw new Error('the split load targets one relay on 127.0.0.1');
const role = side === 'women' ? 'client' : 'counselor';
/** An orchestrator message of this type, once. */
const next = <T>(type: string): Promise<T> =>
  new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      process.off('message', on);
      resolve(m as T);
    };
    process.on('message', on);
  });

/** The pairs this side sends on: consultation id → its socket on this side. */
const pairs = new Map<string, Socket>();
const sockets: Socket[] = [];
const other = role === 'client' ? 'counselor' : 'client';
/** The other side's messages on the load's pairs as they arrive (key, machine-clock time). */
const arrived: [string, number][] = [];
// Only the honest pairs' messages from the other side are timed; the counselors also receive the
// attacker's consultations' envelopes (what her screen would get), counted apart.
let foreign = 0;
const onMessage = (m: { consultationId: string; senderRole: string; seq: number }) => {
  if (m.senderRole === other && pairs.has(m.consultationId)) arrived.push([`${m.consultationId}|${other}|${m.seq}`, machineMs()]);
  else foreign++;
};
/** Listens from the start, so the other side's first messages cannot come before the listener. */
function track(s: Socket): Socket {
  s.on('message:new', onMessage);
  sockets.push(s);
  return s;
}

/** Counselors: on duty, every offer accepted; when each consultation was offered (machine clock). */
async function counselors(): Promise<void> {
  const offeredAt: Record<string, number> = {};
  const counselorOf = new Map<string, Socket>();
  const refused: Record<string, number> = {};
  const onDuty = phase('counselors going on duty', 60_000, () => `(${sockets.length}/${config.counselors})`);
  for (let i = 0; i < config.counselors; i++) {
    const network = addressOf(config.networks, 'counselor', i);
    const cookie = await login(sodium, config.url, config.logins[i]?.username ?? '', config.logins[i]?.password ?? '', network);
    const s = io(config.url, { ...connectOpts, auth: { role: 'staff' }, extraHeaders: { cookie, origin: config.url, ...network } });
    await connected(s);
    s.on('queue:offer', (offer: { consultationId: string }) => {
      offeredAt[offer.consultationId] = machineMs();
      counselorOf.set(offer.consultationId, s);
      s.emit('offer:accept', { consultationId: offer.consultationId }, (r?: AckResult<unknown>) => {
        if (r && !r.ok) refused[r.error] = (refused[r.error] ?? 0) + 1;
      });
    });
    const status = await ack(s, 'staff:status', { status: 'available' });
    if (!status.ok) throw new Error(`staff:status: ${status.error}`);
    track(s);
  }
  onDuty();
  process.send?.({ type: 'connected' });
  // The women's side names the pairs made; each was offered here before she was told she was assigned.
  const { ids } = await next<{ ids: string[] }>('pairs');
  for (const id of ids) {
    const s = counselorOf.get(id);
    if (!s) throw new Error(`no counselor here holds ${id} (accepts refused: ${JSON.stringify(refused)})`);
    pairs.set(id, s);
  }
  process.send?.({ type: 'paired', offeredAt: Object.fromEntries(ids.map((id) => [id, offeredAt[id] as number])) });
}

/** Women: connected, proofs solved ahead, then arriving `arrivals` a second until each is assigned. */
async function women(): Promise<void> {
  const connecting = phase('connecting clients', 180_000, () => `(${sockets.length}/${config.clients} connected)`);
  const clients: Socket[] = new Array(config.clients);
  await pool(config.clients, 100, async (i) => {
    const client = io(config.url, { ...connectOpts, auth: { role: 'client' }, extraHeaders: addressOf(config.networks, 'woman', i) });
    await connected(client);
    clients[i] = track(client);
  });
  connecting();
  const proofs: Awaited<ReturnType<typeof startProof>>[] = new Array(config.clients);
  const solving = phase('solving start proofs', 300_000);
  await pool(config.clients, 4, async (i) => void (proofs[i] = await startProof(config.url, addressOf(config.networks, 'woman', i))));
  solving();
  const startedAt: Record<string, number> = {};
  let paired = 0;
  const pairing = phase('arrivals and pairing', 180_000, () => `(${paired}/${config.clients} paired)`);
  const arrive = async (i: number): Promise<void> => {
    const client = clients[i] as Socket;
    const assigned = new Promise<void>((resolve) => client.once('consultation:assigned', () => resolve()));
    const t0 = machineMs();
    const started = await ack<{ consultationId: string }>(client, 'consultation:start', proofs[i] ?? {});
    if (!started.ok) throw new Error(`start: ${started.error}`);
    startedAt[started.data.consultationId] = t0;
    await assigned;
    pairs.set(started.data.consultationId, client);
    paired++;
  };
  const arrivals: Promise<void>[] = [];
  await new Promise<void>((resolve, reject) => {
    const begun = performance.now();
    const tick = setInterval(() => {
      const due = Math.min(config.clients, Math.floor(((performance.now() - begun) / 1000) * config.arrivals) + 1);
      while (arrivals.length < due) arrivals.push(arrive(arrivals.length));
      if (arrivals.length < config.clients) return;
      clearInterval(tick);
      Promise.all(arrivals).then(() => resolve(), reject);
    }, 2);
  });
  pairing();
  process.send?.({ type: 'connected', ids: [...pairs.keys()], startedAt });
}

/** This side's half of the exchange, then the other side's last deliveries (bounded). */
async function exchange(): Promise<void> {
  await next('go');
  const payload = toB64(sodium, sodium.randombytes_buf(config.payloadBytes));
  const nonce = toB64(sodium, sodium.randombytes_buf(24));
  const ids = [...pairs.keys()];
  const seqs = new Map<string, number>();
  const sent: [string, number][] = [];
  // The women's side sends the even messages of the whole run's count, the counselors' the odd ones, as load.ts alternates.
  const total = Math.round(config.rate * config.seconds);
  const mine = role === 'client' ? Math.ceil(total / 2) : Math.floor(total / 2);
  let failed = 0;
  let acked = 0;
  const stalls = watchStalls();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const exchanging = phase('the exchange', (config.seconds + 30) * 1000, () => `(${sent.length}/${mine} sent)`);
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - start) / 1000;
      const due = Math.min(mine, Math.floor((elapsed * config.rate) / 2));
      while (sent.length < due) {
        const id = ids[Math.floor(Math.random() * ids.length)] as string;
        const seq = (seqs.get(id) ?? 0) + 1;
        seqs.set(id, seq);
        sent.push([`${id}|${role}|${seq}`, machineMs()]);
        (pairs.get(id) as Socket).emit('message:send', { consultationId: id, keyEpoch: 0, seq, nonce, ciphertext: payload }, (r?: AckResult<unknown>) => {
          if (r && !r.ok) failed++;
          else acked++;
        });
      }
      if (sent.length >= mine || elapsed > config.seconds + 5) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  exchanging();
  const used = process.cpuUsage(cpu);
  const ownStalls = stalls.take();
  process.send?.({ type: 'exchanged', sent: sent.length });
  // The orchestrator says how many the other side sent; wait for them and for this side's acks.
  const { expect } = await next<{ expect: number }>('drain');
  const drainUntil = performance.now() + 10_000;
  while ((arrived.length < expect || acked + failed < sent.length) && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
  const unanswered = sent.length - acked - failed;
  if (failed > 0 || unanswered > 0) process.stderr.write(`${side}: ${failed} sends were refused, ${unanswered} not answered\n`);
  process.send?.({ type: 'result', report: { sent, arrived, foreign, stalls: ownStalls, cpuMs: Math.round((used.user + used.system) / 1000) } satisfies SideReport });
}

async function main(): Promise<void> {
  // Leave when the orchestrator lets go (it has both sides' results by then, or is stopping).
  process.once('disconnect', () => {
    for (const s of sockets) s.disconnect();
    setTimeout(() => process.exit(0), 200);
  });
  await sodium.ready;
  if (side === 'counselors') await counselors();
  else await women();
  await exchange();
}

main().catch((err: unknown) => {
  process.stderr.write(`load generator (${side}) failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
