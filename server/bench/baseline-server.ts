/**
 * The baseline: a bare Socket.IO relay with the same shape as ours (client rooms, counselors in
 * their clients' rooms, acks), but no validation, no storage, no queue. Run as a forked child.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { type IpcReply, answerMemoryRequests } from './stats.js';

const server = http.createServer();
const io = new Server(server, { maxHttpBufferSize: 64 * 1024 });
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
