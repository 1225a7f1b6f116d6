import { API } from '@tsunagari/shared/protocol/http';
import type { WidgetStatus } from '@tsunagari/shared';

/** One read from the relay's HTTP API (plain fetch, no socket, no cookies, no cache): its data, or null. */
async function readRelay(server: string, path: string): Promise<unknown> {
  try {
    const res = await fetch(`${server}${path}`, { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!res.ok) return null;
    const body = (await res.json()) as { ok?: boolean; data?: unknown };
    return body.ok ? body.data : null;
  } catch {
    return null;
  }
}

/**
 * Asks the relay whether the chat is open now. Null when the relay could not be asked: then she
 * may still try, and the server decides.
 */
export async function fetchWidgetStatus(server: string): Promise<WidgetStatus | null> {
  const data = (await readRelay(server, API.widgetStatus)) as WidgetStatus | null;
  return data && typeof data.open === 'boolean' ? data : null;
}

/**
 * The relay's published revocation list, as it answered (null when none, or unreachable). Untrusted:
 * the session's crypto verifies it against the pinned key before it counts. Here, beside the other
 * read, so the lazily loaded chunk needs no module of the entry's.
 */
export const fetchRevocations = (server: string): Promise<unknown> => readRelay(server, API.revocations);

/** Only http(s) exit targets; anything else falls back to the neutral default. */
export const DEFAULT_EXIT_URL = 'https://tenki.jp/';

export function resolveExitUrl(attr: string | null | undefined, base: string): string {
  if (attr) {
    try {
      const url = new URL(attr, base);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // fall through
    }
  }
  return DEFAULT_EXIT_URL;
}
