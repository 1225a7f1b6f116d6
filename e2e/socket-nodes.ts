import { type Page, expect } from '@playwright/test';
import type { StartedCluster } from '../scripts/local-cluster.mjs';

/**
 * The relay node each WebSocket a page opens lands on, in the order it opened them: read from
 * the upgrade's response header `X-Tsunagari-Upstream`, which only the browser test's nginx sends
 * (scripts/cluster-services.mjs, `upstreamHeader`). A page's script cannot read the headers of a
 * WebSocket handshake; Chromium's DevTools protocol can, so nothing in the widget or the console
 * learns which node she is on.
 */
export interface SocketNodes {
  /** The node numbers (1, 2, 3 …) of the page's WebSockets so far, the first opened first. */
  readonly landed: number[];
  /** Waits until the page has opened its `count`-th WebSocket; resolves with that socket's node. */
  nth(count: number): Promise<number>;
}

/**
 * The node behind nginx's `$upstream_addr` for one request: `127.0.0.1:PORT`, or the nodes it
 * tried in turn (a dead one refusing), comma-separated, the last one the node that answered.
 */
export function nodeBehind(cluster: StartedCluster, upstream: string): number {
  const port = Number(upstream.split(',').pop()?.trim().split(':').pop());
  const node = cluster.nodes.find((n) => n.port === port);
  if (!node) throw new Error(`nginx answered from ${upstream}, which is no node of the cluster`);
  return node.n;
}

/** Starts watching `page`'s WebSockets (before it opens any); see {@link SocketNodes}. */
export async function watchSocketNodes(page: Page, cluster: StartedCluster): Promise<SocketNodes> {
  const landed: number[] = [];
  // An upgrade the test cannot place (no header, an address of no node), said when it is asked for.
  const unplaced: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Network.webSocketHandshakeResponseReceived', ({ response }) => {
    if (response.status !== 101) return;
    const upstream = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'x-tsunagari-upstream')?.[1];
    try {
      if (!upstream) throw new Error('a WebSocket upgrade without X-Tsunagari-Upstream: is nginx started with upstreamHeader?');
      landed.push(nodeBehind(cluster, upstream));
    } catch (err) {
      unplaced.push((err as Error).message);
    }
  });
  await cdp.send('Network.enable');
  return {
    landed,
    async nth(count) {
      await expect.poll(() => landed.length + unplaced.length, { message: `WebSocket number ${count} of the page` }).toBeGreaterThanOrEqual(count);
      if (unplaced.length) throw new Error(unplaced.join('\n'));
      return landed[count - 1]!;
    },
  };
}
