/**
 * What travels between the load generator and a relay during the exchange, counted at the load
 * generator's end of each socket (BENCH_WIRE=1): Engine.IO packets each way and their bytes, by
 * kind (acks, and pushed events by name), per side (her sockets, the counselors'). One packet is
 * one WebSocket frame here (no polling, no binary attachments); the bytes are the frame's payload
 * (the Engine.IO packet as sent), without the 2–4 byte WebSocket header.
 */
import type { Socket } from 'socket.io-client';

export type Side = 'client' | 'counselor';

/** Frames and bytes, per side and direction, then by kind of packet. */
export interface WireCount {
  /** `${side} ${'in' | 'out'} ${kind}` → frames and bytes; kind is `ack`, an event name, or `other`. */
  packets: Record<string, { frames: number; bytes: number }>;
}

/** The Engine.IO socket under a Socket.IO client (not in its public types as an emitter of packets). */
interface EnginePackets {
  on(event: 'packet' | 'packetCreate', listener: (packet: { type: string; data?: unknown }) => void): void;
}

/** The kind of a Socket.IO packet carried in an Engine.IO message: `ack`, the event's name, or `other`. */
function kindOf(data: string): string {
  if (data[0] === '3') return 'ack';
  if (data[0] !== '2') return 'other';
  const start = data.indexOf('["');
  const end = start < 0 ? -1 : data.indexOf('"', start + 2);
  return end < 0 ? 'other' : data.slice(start + 2, end);
}

/** Counts every packet of the given sockets from now on. */
export function countWire(sockets: readonly { socket: Socket; side: Side }[]): WireCount {
  const count: WireCount = { packets: {} };
  const add = (key: string, bytes: number) => {
    const entry = (count.packets[key] ??= { frames: 0, bytes: 0 });
    entry.frames++;
    entry.bytes += bytes;
  };
  for (const { socket, side } of sockets) {
    const engine = socket.io.engine as unknown as EnginePackets;
    const watch = (direction: 'in' | 'out') => (packet: { type: string; data?: unknown }) => {
      const data = typeof packet.data === 'string' ? packet.data : '';
      add(`${side} ${direction} ${packet.type === 'message' ? kindOf(data) : packet.type}`, 1 + Buffer.byteLength(data));
    };
    engine.on('packet', watch('in'));
    engine.on('packetCreate', watch('out'));
  }
  return count;
}
