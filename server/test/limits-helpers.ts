import type { EnvelopePayload } from '@tsunagari/shared';
import { newSessionKey, sealEpochMessage } from '@tsunagari/shared/crypto';
import { expect } from 'vitest';
import { call, clientSocket, connected, type ClientSocket, type TestServer } from './harness.js';

/**
 * Helpers for the limit tests (issue 14). Servers there trust one proxy hop, so each test caller
 * comes from the network its X-Forwarded-For names, as behind the production TLS proxy.
 */

/** A client socket from one address (through the trusted proxy). */
export function from(server: TestServer, address: string): ClientSocket {
  return clientSocket(server, { 'x-forwarded-for': address });
}

/** Seals her messages as her widget does (seq from 1, epoch 0). */
export function sealer(server: TestServer, consultationId: string): (text: string) => EnvelopePayload {
  const key = newSessionKey(server.sodium);
  let seq = 0;
  return (text) => sealEpochMessage(server.sodium, key, { consultationId, senderRole: 'client', keyEpoch: 0, seq: ++seq }, { kind: 'text', text });
}

/** Row counts of the tables a refused event must not change. */
export async function tableCounts(server: TestServer): Promise<number[]> {
  const counts: number[] = [];
  for (const t of ['consultation', 'message', 'key_grant', 'resume_code']) counts.push(Number(((await server.rows(`SELECT COUNT(*) AS n FROM ${t}`))[0] as { n: number | string }).n));
  return counts;
}

/**
 * A real woman from another network: she connects, starts, and her message is stored, while the
 * limit holds for someone else. Returns her socket (tracked by the caller) and consultation.
 */
export async function womanIsServed(server: TestServer, address: string, track: (s: ClientSocket) => void): Promise<{ socket: ClientSocket; consultationId: string }> {
  const socket = from(server, address);
  track(socket);
  await connected(socket);
  const { consultationId } = await call(socket, 'consultation:start', {});
  const seal = sealer(server, consultationId);
  const receipt = await call(socket, 'message:send', seal('聞いてほしいことがあります'));
  expect(receipt.id).toBeGreaterThan(0);
  return { socket, consultationId };
}

/** Resolves once the server has closed the socket with this id (it is gone from the server's list). */
export function serverDropped(server: TestServer, socketId: string): Promise<string> {
  const s = server.app.io.sockets.sockets.get(socketId);
  if (!s) return Promise.resolve('already gone');
  return new Promise((resolve) => s.once('disconnect', (reason) => resolve(reason)));
}
