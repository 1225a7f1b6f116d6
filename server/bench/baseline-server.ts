/**
 * The baseline: a bare Socket.IO relay with the same shape as ours (client rooms, counselors in
 * their clients' rooms, acks), but no validation, no storage, no queue. Run as a forked child.
 * With BENCH_REDIS (a Redis Unix socket; `--nodes`) it is one of several bare nodes sharing the
 * same Redis Streams adapter our relay uses, with the adapter's defaults as ours has them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { DEFAULT_ADAPTER_STREAM_LENGTH } from '../src/config.js';
import { type IpcReply, answerMemoryRequests } from './stats.js';

const server = http.createServer();
const redisSocket = process.env.BENCH_REDIS;
const adapter = redisSocket
  ? (await import('@socket.io/redis-streams-adapter')).createAdapter(new (await import('ioredis')).Redis({ path: redisSocket }), {
      streamName: 'bench-baseline:socket.io',
      channelPrefix: 'bench-baseline:socket.io',
      // The relay's adapter settings (redis/redis-node.ts), so the comparison is like for like.
      maxLen: DEFAULT_ADAPTER_STREAM_LENGTH,
      readCount: 1000,
    })
  : undefined;
const io = new Server(server, { maxHttpBufferSize: 64 * 1024, ...(adapter ? { adapter } : {}) });
io.on('connection', (socket) => {
  socket.on('join', (room: string, ack: () => void) => {
    void socket.join(room);
    ack();
  });
  socket.on('msg', (payload: { room: string }, ack: (r: unknown) => void) => {
    socket.to(payload.room).emit('msg', payload);
    ack({ ok: true });
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` } satisfies IpcReply);
});
answerMemoryRequests();
process.on('disconnect', () => process.exit(0));
