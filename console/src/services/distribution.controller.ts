import type { Campaign, DistributionAddPayload, DistributionEvent } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';
import { upsertDistributionEvent } from '../state/distribution.js';
import type { FormResult } from '../state/form-requests.js';
import { errorText, type WorkspaceContext } from './workspace-context.js';

const t = ja.distribution;

/** How an event is named on screen and in the live region: 「6月10日 宇部市」. */
export const eventLabel = (e: Pick<DistributionEvent, 'date' | 'municipality'>): string => t.summary(ja.caseLog.dayLabel(e.date), e.municipality);

/**
 * Distribution events (生理用品配布会) for the records screen: the open year's events, the
 * admin's campaigns the form offers, and the event being corrected. Supervisors save and withdraw;
 * counselors only see the list. Requests are arrow properties the template binds as they are.
 */
export class DistributionController {
  /** The open year's events, newest day first; null until the first list came. */
  events: readonly DistributionEvent[] | null = null;
  campaigns: readonly Campaign[] = [];
  editing: DistributionEvent | null = null;

  constructor(
    private readonly ctx: WorkspaceContext,
    private readonly canRecord: () => boolean,
  ) {}

  /** Fetches the list (after every (re)connect), and for supervisors the campaigns the form offers. */
  async load(): Promise<void> {
    const [list, campaigns] = await Promise.all([
      this.ctx.socket.request('distribution:list', {}),
      this.canRecord() ? this.ctx.socket.request('campaign:list', {}) : null,
    ]);
    if (list.ok) this.events = list.data.events;
    if (campaigns?.ok) this.campaigns = campaigns.data.campaigns;
    this.ctx.host.requestUpdate();
  }

  /** Records a new event, or corrects the one being edited. */
  readonly save = async (payload: DistributionAddPayload): Promise<FormResult> => {
    const editing = this.editing;
    const res = editing
      ? await this.ctx.socket.request('distribution:correct', { eventId: editing.id, ...payload })
      : await this.ctx.socket.request('distribution:add', payload);
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    this.editing = null;
    this.events = upsertDistributionEvent(this.events ?? [], res.data);
    this.ctx.host.requestUpdate();
    this.ctx.announce((editing ? t.corrected : t.saved)(eventLabel(res.data)));
    return { ok: true };
  };

  /** Withdraws an event; it leaves the list and the report. */
  readonly withdraw = async (eventId: string): Promise<FormResult> => {
    const event = this.events?.find((e) => e.id === eventId);
    const res = await this.ctx.socket.request('distribution:withdraw', { eventId });
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    if (this.editing?.id === eventId) this.editing = null;
    this.events = (this.events ?? []).filter((e) => e.id !== eventId);
    this.ctx.host.requestUpdate();
    if (event) this.ctx.announce(t.withdrawn(eventLabel(event)));
    return { ok: true };
  };

  /** The list's 直す: the form takes the event. */
  edit(eventId: string): void {
    this.editing = this.events?.find((e) => e.id === eventId) ?? null;
    this.ctx.host.requestUpdate();
  }

  readonly cancelEdit = (): void => {
    this.editing = null;
    this.ctx.host.requestUpdate();
  };
}
