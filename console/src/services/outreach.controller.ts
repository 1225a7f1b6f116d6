import type { OutreachLogPayload, OutreachVisit } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';
import type { FormResult } from '../state/form-requests.js';
import { errorText, type WorkspaceContext } from './workspace-context.js';

const o = ja.outreach;

/** How a visit is named on screen and in the live region: 「6月4日 家庭訪問」. */
export const visitLabel = (v: Pick<OutreachVisit, 'date' | 'kind'>): string => o.summary(ja.caseLog.dayLabel(v.date), o.kinds[v.kind]);

/**
 * Visits done (家庭訪問・同行支援): her recent ones from both routes, logging one without an
 * appointment, and correcting or withdrawing a logged one. Requests are arrow properties so the template binds
 * them as they are, like the case log's.
 */
export class OutreachController {
  /** Her visits of the last 30 days, newest first; null until the first list came. */
  visits: readonly OutreachVisit[] | null = null;

  constructor(private readonly ctx: WorkspaceContext) {}

  /** Fetches her list (after every (re)connect, and after she marks a visit appointment 済み). */
  readonly load = async (): Promise<void> => {
    const res = await this.ctx.socket.request('outreach:mine', {});
    if (res.ok) this.set(res.data.visits);
  };

  /** Logs a visit done without an appointment. */
  readonly log = async (payload: OutreachLogPayload): Promise<FormResult> => {
    const res = await this.ctx.socket.request('outreach:log', payload);
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    this.set([res.data, ...(this.visits ?? [])]);
    this.ctx.announce(o.saved(visitLabel(res.data)));
    return { ok: true };
  };

  /** Corrects one of her logged visits (or, for a supervisor, anyone's); the report counts the corrected one. */
  readonly correct = async (visitId: string, payload: OutreachLogPayload): Promise<FormResult> => {
    const res = await this.ctx.socket.request('outreach:correct', { entryId: visitId, ...payload });
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    this.set((this.visits ?? []).map((v) => (v.id === visitId ? res.data : v)));
    this.ctx.announce(ja.caseLog.corrected(visitLabel(res.data)));
    return { ok: true };
  };

  /** Withdraws one of her logged visits; it leaves the list and the report. */
  readonly withdraw = async (visitId: string): Promise<FormResult> => {
    const visit = this.visits?.find((v) => v.id === visitId);
    const res = await this.ctx.socket.request('outreach:withdraw', { entryId: visitId });
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    this.set((this.visits ?? []).filter((v) => v.id !== visitId));
    if (visit) this.ctx.announce(o.withdrawn(visitLabel(visit)));
    return { ok: true };
  };

  private set(list: readonly OutreachVisit[]): void {
    this.visits = list;
    this.ctx.host.requestUpdate();
  }
}
