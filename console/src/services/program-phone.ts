import { API, type WidgetStatus } from '@tsunagari/shared';

/**
 * The program's phone line, as the server shows it to the widget (`alternatives.phone`), so the
 * booking message names the same number she would see there. Empty when it could not be asked:
 * the message then names no number rather than a stale or wrong one.
 */
export async function fetchProgramPhone(): Promise<string> {
  try {
    const res = await fetch(API.widgetStatus, { cache: 'no-store', credentials: 'same-origin' });
    if (!res.ok) return '';
    const body = (await res.json()) as { ok?: boolean; data?: WidgetStatus };
    const phone = body.ok ? body.data?.alternatives?.phone : undefined;
    return typeof phone === 'string' ? phone.trim() : '';
  } catch {
    return '';
  }
}
