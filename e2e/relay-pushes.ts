import type { Page, WebSocket } from '@playwright/test';

/**
 * Everything the relay pushes to one page, on every socket it opens (a reconnect opens a new
 * one). A test that rewrites the relay's database behind its back waits with this for the relay
 * to notice (its reconciler pushes `trust:changed`). Sign-in shows the console before its socket
 * is connected, so such a test first waits until the relay has admitted the socket
 * ({@link admitted}): a push made before that reaches nobody, and a race over the sockets known
 * so far would be a race over none.
 */
export class RelayPushes {
  private readonly payloads: string[] = [];
  private readonly waiting: { match: (payload: string) => boolean; resolve: () => void }[] = [];

  /** Starts listening: call before the page opens its socket (before sign-in). */
  constructor(page: Page) {
    page.on('websocket', (ws: WebSocket) => ws.on('framereceived', (f) => this.received(String(f.payload))));
  }

  /** How many frames have arrived so far: pass it to {@link after} to wait only for later ones. */
  mark(): number {
    return this.payloads.length;
  }

  /** Resolves once a frame matching `match` has arrived at or after position `from`. */
  after(from: number, match: (payload: string) => boolean): Promise<void> {
    if (this.payloads.slice(from).some(match)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ match, resolve }));
  }

  private received(payload: string): void {
    this.payloads.push(payload);
    for (const w of this.waiting.filter((w) => w.match(payload))) {
      this.waiting.splice(this.waiting.indexOf(w), 1);
      w.resolve();
    }
  }
}

/**
 * Socket.IO's CONNECT packet for the default namespace: the relay admitted the socket, and put it
 * in the staff room in the same turn of its event loop (server/src/socket/index.ts).
 */
export const admitted = (payload: string): boolean => payload.startsWith('40');

/** The relay telling the consoles that a statement, an account's status or the revocation list changed. */
export const trustChanged = (payload: string): boolean => payload.includes('"trust:changed"');
