import type { SessionDeps } from './types.js';
import { connectRelay } from './relay-socket.js';
import { createSessionCrypto } from './session-crypto.js';

export { ConsultationSession } from './session.js';

/**
 * The half of the widget that carries her messages: the Socket.IO connection, the session
 * crypto and the session that speaks the protocol over them. One chunk, reached only through a
 * dynamic `import()` once she opens the chat (libsodium, larger still, loads from inside it when
 * she starts), so a page that embeds the widget costs her almost nothing until then.
 */
export async function openConnection(server: string, orgKey: string, revocations: () => Promise<unknown>): Promise<SessionDeps> {
  // Crypto first: if libsodium fails to load there is no point in taking a place in line.
  const crypto = await createSessionCrypto(orgKey, { revocations });
  return { crypto, socket: connectRelay(server) };
}
