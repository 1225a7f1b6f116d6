import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { rooms } from '../src/socket/types.js';
import { call, type ClientSocket, clientSocket, connected, loginStaff, next, send, staffSocket } from './harness.js';
import { sealer } from './limits-helpers.js';
import { linked } from './node-links.js';
import { nodesOnRedis } from './nodes-on-redis.js';
import { openPerTest } from './open-per-test.js';
import { redisPerFile } from './redis-per-file.js';

// Issue 17 and the safety rule "the server never stores an IP address or a user agent": with
// several nodes, Redis is part of the server. Everything the nodes say to Redis — the adapter's
// stream (where `fetchSockets` answers carry each socket's handshake), routing's scripts, the
// limits — is watched with MONITOR while a woman talks across two nodes, drops and comes back
// from another network and phone. Neither her addresses nor her phones may appear in any of it.
const file = redisPerFile();
const open = openPerTest();
const track = <T extends ClientSocket>(socket: T): T => (open.sockets.push(socket), socket);

const HER_FIRST = { address: '203.0.113.77', agent: 'Mozilla/5.0 (Linux; Android 14; HerFirstPhone-7731)' };
const HER_SECOND = { address: '2001:db8:77:31::5', agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0; HerSecondPhone-8842)' };
const SATO = { address: '198.51.100.23', agent: 'Mozilla/5.0 (Windows NT 10.0; SatoOfficePC-5519)' };

/**
 * Every command any connection sends to Redis from now on, as MONITOR prints it (one line each,
 * arguments quoted, bytes outside ASCII escaped), until `stop`. A raw socket: ioredis's own
 * monitor mode trips over the relay's connections naming themselves.
 */
async function monitor(socketPath: string): Promise<{ text(): string; stop(): void }> {
  const socket = net.connect(socketPath);
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => void (text += chunk));
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write('MONITOR\r\n');
  while (!text.startsWith('+OK')) await new Promise((resolve) => setTimeout(resolve, 10));
  return { text: () => text, stop: () => void socket.destroy() };
}

describe('what several nodes keep in Redis of where she connects from', () => {
  it('no address or user agent of hers (or a counselor\'s) reaches Redis while she talks across nodes, drops and comes back elsewhere', { timeout: 60_000 }, async () => {
    const { servers } = await nodesOnRedis(file.redis, open, 2);
    const [a, b] = servers;
    if (!a || !b) throw new Error('two nodes were started');
    await linked(a, b);
    await linked(b, a);
    const watched = await monitor(file.redis.path);
    let ciphertext = '';
    try {
      const login = await loginStaff(b, 'sato', { 'x-forwarded-for': SATO.address, 'user-agent': SATO.agent });
      const sato = track(staffSocket(b, login));
      await connected(sato);

      // She starts on node A; Sato, on node B, takes her and reads her first message.
      const first = track(clientSocket(a, { 'x-forwarded-for': HER_FIRST.address, 'user-agent': HER_FIRST.agent }));
      await connected(first);
      const chat = await call(first, 'consultation:start', {});
      await call(sato, 'consultation:take', { consultationId: chat.consultationId });
      const seal = sealer(a, chat.consultationId);
      const envelope = seal('きいてください');
      ciphertext = envelope.ciphertext;
      const heard = next(sato, 'message:new');
      expect(await send(first, 'message:send', envelope)).toMatchObject({ ok: true });
      expect((await heard).ciphertext).toBe(envelope.ciphertext);

      // Her phone drops; she comes back through node B from another network, on another phone.
      // Resuming asks every node for her other sockets (fetchSockets: handshakes cross Redis).
      first.disconnect();
      const again = track(clientSocket(b, { 'x-forwarded-for': HER_SECOND.address, 'user-agent': HER_SECOND.agent }));
      await connected(again);
      await call(again, 'consultation:resume', { consultationId: chat.consultationId, clientToken: chat.clientToken });
      const second = seal('まだいます');
      const heardAgain = next(sato, 'message:new');
      expect(await send(again, 'message:send', second)).toMatchObject({ ok: true });
      await heardAgain;
      // The counselor's nodes ask across the cluster for her sockets too (her other tab, her presence).
      await a.app.io.in(rooms.staffMember(login.session.staff.id)).fetchSockets();
      await a.app.io.in(rooms.consultation(chat.consultationId)).fetchSockets();
      await call(again, 'consultation:end', { consultationId: chat.consultationId });
    } finally {
      watched.stop();
    }
    const all = watched.text();
    // The watch saw the traffic it is about: her envelope crossed Redis to Sato's node, and handshakes did.
    expect(all).toMatch(/"xadd"/i);
    expect(all).toContain(ciphertext.slice(0, 40));
    expect(all).toContain('handshake');
    for (const who of [HER_FIRST, HER_SECOND, SATO]) {
      expect(all, `${who.address} reached Redis`).not.toContain(who.address);
      // The phone's own mark, in case a header were cut or re-encoded on the way.
      const mark = /[A-Za-z]+Phone-\d+|[A-Za-z]+PC-\d+/.exec(who.agent)?.[0] ?? who.agent;
      expect(all, `${mark} reached Redis`).not.toContain(mark);
    }
  });
});
