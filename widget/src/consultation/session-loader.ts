import { fetchRevocations } from '../hours-status.js';
import type { LoadSession } from './types.js';

const loadTransport = () => import('./transport.js');
let laterLoaded = false;
const loadChatElements = () =>
  import('../chat-elements.js').then((m) => {
    m.defineChatElements();
    laterLoaded = true;
  });

/** The screens after the first (intake, resume, waiting, chat, ended, unsafe): a chunk of their own. */
export const loadLaterElements = (): Promise<void> => loadChatElements();

/** True once that chunk has loaded and defined its elements. */
export const laterElementsReady = (): boolean => laterLoaded;

/**
 * Fetches the heavy half (Socket.IO client, libsodium, the crypto envelope) without connecting,
 * while she reads the first screen. Errors are ignored here: `loadSession` reports them.
 */
export function preloadSession(): void {
  void Promise.all([loadTransport(), loadChatElements()]).catch(() => undefined);
}

/**
 * Loads the heavy half on demand. The entry script holds only the launcher and first screen, so
 * a page that embeds the widget costs her almost nothing until she opens it.
 */
export const loadSession: LoadSession = async (server, orgKey) => {
  const [{ openConnection }] = await Promise.all([loadTransport(), loadChatElements()]);
  // The revocation list is fetched before each sealing (see SessionCrypto.verify).
  return openConnection(server, orgKey, () => fetchRevocations(server));
};
