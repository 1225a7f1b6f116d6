import { describe, expect, it } from 'vitest';
import { type AckSocket, request, requester } from './request.js';

/** A socket whose ack is whatever `answer` returns (a promise that never settles: no answer). */
function fakeSocket(answer: (event: string, payload: unknown) => Promise<unknown>, connected = true) {
  const emitted: Array<{ event: string; payload: unknown; timeoutMs: number }> = [];
  const socket: AckSocket = {
    connected,
    timeout: (timeoutMs) => ({
      emitWithAck: (event, payload) => {
        emitted.push({ event, payload, timeoutMs });
        return answer(event, payload);
      },
    }),
  };
  return { socket, emitted };
}

describe('request', () => {
  it('emits with the timeout and returns the ack as it came', async () => {
    const { socket, emitted } = fakeSocket(async () => ({ ok: true, data: { endedAt: 'now' } }));
    const r = await request(socket, 'consultation:end', { consultationId: 'c1' }, { timeoutMs: 5000 });
    expect(r).toEqual({ ok: true, data: { endedAt: 'now' } });
    expect(emitted).toEqual([{ event: 'consultation:end', payload: { consultationId: 'c1' }, timeoutMs: 5000 }]);
  });

  it('passes a server refusal through with its code', async () => {
    const { socket } = fakeSocket(async () => ({ ok: false, error: 'OUTSIDE_HOURS' }));
    expect(await request(socket, 'consultation:start', {}, { timeoutMs: 5000 })).toEqual({ ok: false, error: 'OUTSIDE_HOURS' });
  });

  it('turns a timeout (Socket.IO rejects) into TIMEOUT, never a throw', async () => {
    const { socket } = fakeSocket(() => Promise.reject(new Error('operation has timed out')));
    expect(await request(socket, 'queue:list', {}, { timeoutMs: 10 })).toEqual({ ok: false, error: 'TIMEOUT' });
  });

  it('a malformed ack counts as INTERNAL', async () => {
    for (const ack of [undefined, null, 'ok', { ok: 'yes' }, { ok: false }]) {
      const { socket } = fakeSocket(async () => ack);
      expect(await request(socket, 'queue:list', {}, { timeoutMs: 10 })).toEqual({ ok: false, error: 'INTERNAL' });
    }
  });

  it('offline: fails at once with OFFLINE when asked, otherwise emits (Socket.IO buffers it)', async () => {
    const { socket, emitted } = fakeSocket(async () => ({ ok: true, data: {} }), false);
    expect(await request(socket, 'typing:set', { consultationId: 'c1', typing: true }, { timeoutMs: 10, failWhenOffline: true })).toEqual({
      ok: false,
      error: 'OFFLINE',
    });
    expect(emitted).toEqual([]);
    expect(await request(socket, 'typing:set', { consultationId: 'c1', typing: true }, { timeoutMs: 10 })).toEqual({ ok: true, data: {} });
    expect(emitted).toHaveLength(1);
  });

  it('requester binds a socket and its options', async () => {
    const { socket, emitted } = fakeSocket(async () => ({ ok: true, data: { messages: [] } }));
    const send = requester(socket, { timeoutMs: 1234 });
    expect(await send('message:list', { consultationId: 'c1', afterId: 0 })).toEqual({ ok: true, data: { messages: [] } });
    expect(emitted[0]?.timeoutMs).toBe(1234);
  });
});
