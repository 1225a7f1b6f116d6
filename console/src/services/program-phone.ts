import { API, type WidgetStatus } from '@tsunagari/shared';

/**
 * The program's phone line, as the server shows it to the widget (`alternatives.phone`), so the
 * booking message names the same number she would see there. Empty when it could not be asked:
 * the message then names no number rather than a stale or wrong one.
 */
export async function fetchProgramPhone(): Promise<string> {
  return (await fetchProgramContacts()).phone;
}

/** The program's phone and mail as the widget shows them (each empty when it could not be asked). */
export async function fetchProgramContacts(relayUrl?: string): Promise<{ phone: string; mail: string }> {
  try {
    const res = await fetch(relayUrl ? new URL(API.widgetStatus, relayUrl) : API.widgetStatus, { cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) return { phone: '', mail: '' };
    const body = (await res.json()) as { ok?: boolean; data?: WidgetStatus };
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    return body.ok ? { phone: text(body.data?.alternatives?.phone), mail: text(body.data?.alternatives?.mail) } : { phone: '', mail: '' };
  } catch {
    return { phone: '', mail: '' };
  }
}
