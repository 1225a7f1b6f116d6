import { API } from '@tsunagari/shared/protocol/http';
import type { WidgetStatus } from '@tsunagari/shared';

/**
 * Asks the relay whether the chat is open now (plain fetch, no socket, no cookies, no cache).
 * Null when the relay could not be asked: then she may still try, and the server decides.
 */
export async function fetchWidgetStatus(server: string): Promise<WidgetStatus | null> {
  try {
    const res = await fetch(`${server}${API.widgetStatus}`, { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!res.ok) return null;
    const body = (await res.json()) as { ok?: boolean; data?: WidgetStatus };
    return body.ok && body.data && typeof body.data.open === 'boolean' ? body.data : null;
  } catch {
    return null;
  }
}

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
