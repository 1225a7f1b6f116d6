import type { LoadSession } from './consultation-types.js';

/**
 * Loads the heavy half (Socket.IO client, libsodium, the crypto envelope) on demand. The
 * entry script holds only the launcher and first screen, so a page that embeds the widget costs
 * her almost nothing until she opens it and presses start.
 */
export const loadSession: LoadSession = async (server, orgKey) => {
  const [{ connectRelay }, { createSessionCrypto }] = await Promise.all([
    import('./transport.js'),
    import('./session-crypto.js'),
  ]);
  // Crypto first: if libsodium fails to load there is no point in taking a place in line.
  const crypto = await createSessionCrypto(orgKey);
  return { crypto, socket: connectRelay(server) };
};
