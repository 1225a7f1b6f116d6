/**
 * The load generator, a forked child of the orchestrator: connects N clients and M counselors to
 * one target (our server or the baseline), pairs them, then sends `rate` messages per second,
 * half each way, for `seconds`, timing each from send to delivery at the other party.
 * Every loop is bounded in count and time; it talks only to the 127.0.0.1 URL it is given.
 */
import type { AckResult } from '@tsunagari/shared';
import { toB64 } from '@tsunagari/shared/crypto';
import sodium from 'libsodium-wrappers-sumo';
import { io, type Socket } from 'socket.io-client';
import { ack, addressOf, connected, connectOpts, login as loginAs, phase, pool } from './load-common.js';
import { startProof } from './start-proof.js';
import { countWire, type WireCount } from './wire-count.js';
import { type HoldReport, type LoadConfig, type LoadResult, watchStalls } from './stats.js';

const config = JSON.parse(process.env.BENCH_LOAD ?? '{}') as LoadConfig;
const urls = config.urls ?? [config.url];
if (!urls.every((u) => u?.startsWith('http://127.0.0.1:'))) throw new Error('the load generator only targets 127.0.0.1');
/** The node client or counselor i talks to: round-robin over the nodes (one node: always it). */
const urlOf = (i: number): string => urls[i % urls.length] as string;
type AnySocket = Socket;
/** How long after the last arrival pairs still missing are waited for, before the exchange goes ahead without them. */
const UNPAIRED_WAIT_MS = 30_000;
/** Hold mode: how long clients keep being started. */
const JOIN_MS = 300_000;

/** With `networks`, every woman and counselor comes from an address of her own (load-common.ts). */
const networkOf = (kind: 'woman' | 'counselor', i: number): Record<string, string> => addressOf(config.networks, kind, i);
const login = (url: string, username: string, password: string, headers: Record<string, string> = {}) => loginAs(sodium, url, username, password, headers);

interface Pair {
  id: string;
  client: AnySocket;
  counselor: AnySocket;
  seq: { client: number; counselor: number };
}

/**
 * Hold mode: N idle clients wait in the queue until their position pushes settle. A client that
 * cannot connect or start is counted, not fatal: how many are actually held is the figure.
 */
async function hold(): Promise<void> {
  const clients: AnySocket[] = [];
  const positioned = new Set<AnySocket>();
  let failed = 0;
  let firstError: string | undefined;
  let lastPush = performance.now();
  // Past JOIN_MS no more clients are started and the ones held so far are reported (`untried`):
  // a relay too slow to take them all is a figure, not a crash that loses the count.
  const joinUntil = performance.now() + JOIN_MS;
  let untried = 0;
  await pool(config.clients, 200, async (i) => {
    if (performance.now() > joinUntil) return void untried++;
    const client = io(urlOf(i), { ...connectOpts, auth: { role: 'client' } });
    client.on('queue:position', () => {
      positioned.add(client);
      lastPush = performance.now();
    });
    try {
      await connected(client);
      const started = await ack(client, 'consultation:start', {});
      if (!started.ok) throw new Error(`start: ${started.error}`);
      clients.push(client);
    } catch (caught) {
      failed++;
      firstError ??= caught instanceof Error ? caught.message : String(caught);
      client.disconnect();
    }
  });
  const settleUntil = performance.now() + 300_000;
  while (performance.now() - lastPush < 2000 && performance.now() < settleUntil) await new Promise((r) => setTimeout(r, 200));
  const held = clients.filter((c) => c.connected).length;
  process.send?.({ type: 'connected', held, positioned: [...positioned].filter((c) => c.connected).length, failed, untried, ...(firstError ? { firstError } : {}) } satisfies HoldReport);
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  for (const c of clients) c.disconnect();
  setTimeout(() => process.exit(0), 200);
}

async function main(): Promise<void> {
  await sodium.ready;
  if (config.hold) return hold();
  const payload = toB64(sodium, sodium.randombytes_buf(config.payloadBytes));
  const nonce = toB64(sodium, sodium.randombytes_buf(24));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const offerLatencies: number[] = [];
  const received = (key: string) => {
    const t = sentAt.get(key);
    if (t === undefined) return;
    sentAt.delete(key);
    latencies.push(performance.now() - t);
  };

  // Counselors. On our relay they go on duty and accept every offer routing makes them.
  const counselors: AnySocket[] = [];
  const onDuty = phase('counselors going on duty', 60_000, () => `(${counselors.length}/${config.counselors})`);
  const offeredAt = new Map<string, number>();
  const offerWaiters = new Map<string, () => void>();
  const counselorOf = new Map<string, AnySocket>();
  // Refused accepts, by error: a woman whose offer was refused to every counselor waits unpaired.
  const refusedAccepts = new Map<string, number>();
  for (let i = 0; i < config.counselors; i++) {
    const url = urlOf(i);
    const s =
      config.target === 'tsunagari'
        ? io(url, {
            ...connectOpts,
            auth: { role: 'staff' },
            extraHeaders: { cookie: await login(url, config.logins[i]?.username ?? '', config.logins[i]?.password ?? '', networkOf('counselor', i)), origin: url, ...networkOf('counselor', i) },
          })
        : io(url, connectOpts);
    await connected(s);
    if (config.target === 'tsunagari') {
      s.on('queue:offer', (offer: { consultationId: string }) => {
        offeredAt.set(offer.consultationId, performance.now());
        counselorOf.set(offer.consultationId, s);
        offerWaiters.get(offer.consultationId)?.();
        s.emit('offer:accept', { consultationId: offer.consultationId }, (r?: AckResult<unknown>) => {
          if (r && !r.ok) refusedAccepts.set(r.error, (refusedAccepts.get(r.error) ?? 0) + 1);
        });
      });
      const status = await ack(s, 'staff:status', { status: 'available' });
      if (!status.ok) throw new Error(`staff:status: ${status.error}`);
    }
    counselors.push(s);
  }
  onDuty();

  // Clients connect first: the connection storm is its own phase, not part of the offer figure.
  const sockets: AnySocket[] = new Array(config.clients);
  let connectedCount = 0;
  const connecting = phase('connecting clients', 180_000, () => `(${connectedCount}/${config.clients} connected)`);
  await pool(config.clients, 100, async (i) => {
    const client = io(urlOf(i), config.target === 'tsunagari' ? { ...connectOpts, auth: { role: 'client' }, extraHeaders: networkOf('woman', i) } : connectOpts);
    await connected(client);
    sockets[i] = client;
    connectedCount++;
  });
  connecting();

  // Each woman's proof of work, solved before she arrives (a widget solves it while she reads the
  // safety notice): solving them as they arrive, a hundred a second at ~20 ms each, would ask the
  // load generator for two cores and hold up every ack it waits for. Only under --attack (a
  // network per woman) does the bench relay ask for proofs; otherwise none is fetched, as before.
  const proofs: Awaited<ReturnType<typeof startProof>>[] = new Array(config.clients);
  if (config.target === 'tsunagari' && config.networks) {
    const solving = phase('solving start proofs', 300_000);
    await pool(config.clients, 4, async (i) => void (proofs[i] = await startProof(urlOf(i), networkOf('woman', i))));
    solving();
  }

  // Then they arrive, `arrivals` per second, each when her time comes whether or not the ones
  // before her were answered yet (as women do). On our relay she joins the queue and routing
  // offers her to a counselor with room: the offer latency runs from her joining to the offer
  // reaching that counselor. On the baseline each pairs with counselor i % M in a room.
  const arrivedPairs: (Pair | undefined)[] = new Array(config.clients);
  let paired = 0;
  let awaitingStart = 0;
  let awaitingAssigned = 0;
  const pairing = phase(
    'arrivals and pairing',
    180_000,
    () =>
      `(${paired}/${config.clients} paired, ${awaitingStart} waiting for their start's answer, ${offerWaiters.size} for an offer, ${awaitingAssigned} offered but not told they were assigned; accepts refused: ${JSON.stringify(Object.fromEntries(refusedAccepts))})`,
  );
  const arrive = async (i: number): Promise<void> => {
    const client = sockets[i] as AnySocket;
    let id = `room-${i}`;
    let counselor = counselors[i % config.counselors] as AnySocket;
    if (config.target === 'tsunagari') {
      const assigned = new Promise<void>((resolve) => client.once('consultation:assigned', () => resolve()));
      const t0 = performance.now();
      awaitingStart++;
      const started = await ack<{ consultationId: string }>(client, 'consultation:start', proofs[i] ?? {});
      awaitingStart--;
      if (!started.ok) throw new Error(`start: ${started.error}`);
      id = started.data.consultationId;
      if (!offeredAt.has(id)) await new Promise<void>((resolve) => offerWaiters.set(id, resolve));
      offerWaiters.delete(id);
      offerLatencies.push((offeredAt.get(id) as number) - t0);
      awaitingAssigned++;
      await assigned;
      awaitingAssigned--;
      counselor = counselorOf.get(id) ?? counselor;
    } else {
      await ack(client, 'join', id);
      await ack(counselor, 'join', id);
    }
    arrivedPairs[i] = { id, client, counselor, seq: { client: 0, counselor: 0 } };
    paired++;
  };
  await new Promise<void>((resolve, reject) => {
    const arrivals: Promise<void>[] = [];
    const begun = performance.now();
    const tick = setInterval(() => {
      const due = Math.min(config.clients, Math.floor(((performance.now() - begun) / 1000) * config.arrivals) + 1);
      while (arrivals.length < due) arrivals.push(arrive(arrivals.length));
      if (arrivals.length >= config.clients) {
        clearInterval(tick);
        Promise.all(arrivals).then(() => resolve(), reject);
        // A woman offered and never told she was assigned (seen on several nodes) would hold the
        // run up until the phase's limit: past UNPAIRED_WAIT_MS the exchange goes ahead with the
        // pairs made, and the ones left are reported (`unpaired`), never silently dropped.
        const waitUntil = performance.now() + UNPAIRED_WAIT_MS;
        const check = setInterval(() => {
          if (paired >= config.clients) return clearInterval(check);
          if (performance.now() < waitUntil || awaitingStart > 0 || offerWaiters.size > 0) return;
          clearInterval(check);
          process.stderr.write(`load generator: ${config.clients - paired} of ${config.clients} not paired ${UNPAIRED_WAIT_MS / 1000} s after the last arrival (offered, never told they were assigned): the exchange goes ahead without them\n`);
          resolve();
        }, 100);
      }
    }, 2);
  });
  pairing();
  const pairs = arrivedPairs.filter((p): p is Pair => p !== undefined);
  const event = config.target === 'tsunagari' ? 'message:new' : 'msg';
  type Wire = { consultationId?: string; room?: string; senderRole: string; seq: number };
  const onMessage = (m: Wire) => received(`${m.consultationId ?? m.room}|${m.senderRole}|${m.seq}`);
  for (const p of pairs) p.client.on(event, onMessage);
  for (const c of counselors) c.on(event, onMessage);
  process.send?.({ type: 'connected' });
  await new Promise<void>((resolve) => process.once('message', () => resolve())); // the orchestrator measured memory

  // Exchange at the target rate, half each way, for the configured time.
  let sent = 0;
  let failed = 0;
  let acked = 0;
  const total = Math.round(config.rate * config.seconds);
  // BENCH_WIRE=1: count what each socket sends and receives from here on (wire-count.ts).
  const wire: WireCount | undefined =
    process.env.BENCH_WIRE === '1'
      ? countWire([...pairs.map((p) => ({ socket: p.client, side: 'client' as const })), ...counselors.map((socket) => ({ socket, side: 'counselor' as const }))])
      : undefined;
  const start = performance.now();
  const ownStalls = watchStalls();
  const cpu = process.cpuUsage();
  const exchange = phase('the exchange', (config.seconds + 30) * 1000, () => `(${sent}/${total} sent, ${latencies.length} delivered)`);
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - start) / 1000;
      const due = Math.min(total, Math.floor(elapsed * config.rate));
      while (sent < due) {
        const pair = pairs[Math.floor(Math.random() * pairs.length)] as Pair;
        const role = sent % 2 === 0 ? 'client' : 'counselor';
        const seq = ++pair.seq[role];
        const socket = role === 'client' ? pair.client : pair.counselor;
        sentAt.set(`${pair.id}|${role}|${seq}`, performance.now());
        sent++;
        const body =
          config.target === 'tsunagari'
            ? { consultationId: pair.id, keyEpoch: 0, seq, nonce, ciphertext: payload }
            : { room: pair.id, senderRole: role, seq, nonce, ciphertext: payload };
        // No timer per message (it would cost the load generator, and so the machine, 40,000
        // timers): acks still missing when the drain ends are counted below instead.
        socket.emit(config.target === 'tsunagari' ? 'message:send' : 'msg', body, (r?: AckResult<unknown>) => {
          if (r && !r.ok) failed++;
          else acked++;
        });
      }
      if (sent >= total || elapsed > config.seconds + 5) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  exchange();
  const used = process.cpuUsage(cpu);
  // Let the last deliveries arrive (bounded).
  const drainUntil = performance.now() + 10_000;
  while ((sentAt.size > 0 || acked + failed < sent) && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));

  const result: LoadResult = { unpaired: config.clients - pairs.length, sent, received: latencies.length, lost: sent - latencies.length, latencies, offerLatencies, stalls: ownStalls.take(), cpuMs: Math.round((used.user + used.system) / 1000), ...(wire ? { wire } : {}) };
  const unanswered = sent - acked - failed;
  if (failed > 0 || unanswered > 0) process.stderr.write(`${failed} sends were refused, ${unanswered} not answered\n`);
  process.send?.({ type: 'result', result });
  // Leave only when the orchestrator lets go (it has the result and the server's figures for the
  // exchange by then): exiting on a timer cut a large result off, and closing the sockets earlier
  // counted their teardown in the server's event-loop figures.
  process.once('disconnect', () => {
    for (const p of pairs) p.client.disconnect();
    for (const c of counselors) c.disconnect();
    setTimeout(() => process.exit(0), 200);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`load generator failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
