import type { CaseLogAddPayload, CaseLogEntry, Outcome } from '@tsunagari/shared';
import { ja } from '../i18n/ja.js';
import { upsertEntry } from '../state/case-log.js';
import type { FormResult } from '../state/form-requests.js';
import { errorText, type WorkspaceContext } from './workspace-context.js';

const t = ja.caseLog;

/** How an entry is named on screen and in the live region: 「6月15日 電話」. */
export const entryLabel = (e: Pick<CaseLogEntry, 'date' | 'channel'>): string => t.summary(t.dayLabel(e.date), t.channels[e.channel]);

/**
 * The case log (電話などの記録): her recent entries, the one being corrected, and the outcome
 * she chose last (the next form starts from it; kept in memory only). Requests are arrow
 * properties so the template binds them as they are, like the appointments'.
 */
export class CaseLogController {
  /** Her entries of the last 30 days, newest first; null until the first list came. */
  entries: readonly CaseLogEntry[] | null = null;
  /** The entry the form is correcting, or null for a new one. */
  editing: CaseLogEntry | null = null;
  lastOutcome: Outcome = 'listened';

  constructor(private readonly ctx: WorkspaceContext) {}

  /** Fetches her list (after every (re)connect). */
  async load(): Promise<void> {
    const res = await this.ctx.socket.request('caselog:mine', {});
    if (res.ok) this.set(res.data.entries);
  }

  /** Logs a new entry, or corrects the one being edited. */
  readonly save = async (payload: CaseLogAddPayload): Promise<FormResult> => {
    const editing = this.editing;
    const res = editing
      ? // Without a new note, the sealed one goes back as it was: nobody but the records key's holders can read it.
        await this.ctx.socket.request('caselog:correct', { entryId: editing.id, ...payload, ...(!payload.note && editing.note ? { note: editing.note } : {}) })
      : await this.ctx.socket.request('caselog:add', payload);
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    this.lastOutcome = res.data.outcome;
    this.editing = null;
    this.set(upsertEntry(this.entries ?? [], res.data));
    this.ctx.announce((editing ? t.corrected : t.saved)(entryLabel(res.data)));
    return { ok: true };
  };

  /** Withdraws one of her entries; it leaves the list and the report. */
  readonly withdraw = async (entryId: string): Promise<FormResult> => {
    const entry = this.entries?.find((e) => e.id === entryId);
    const res = await this.ctx.socket.request('caselog:withdraw', { entryId });
    if (!res.ok) return { ok: false, error: errorText(res.error) };
    if (this.editing?.id === entryId) this.editing = null;
    this.set((this.entries ?? []).filter((e) => e.id !== entryId));
    if (entry) this.ctx.announce(t.withdrawn(entryLabel(entry)));
    return { ok: true };
  };

  /** The list's 直す: the form takes the entry. */
  edit(entryId: string): void {
    this.editing = this.entries?.find((e) => e.id === entryId) ?? null;
    this.ctx.host.requestUpdate();
  }

  readonly cancelEdit = (): void => {
    this.editing = null;
    this.ctx.host.requestUpdate();
  };

  private set(list: readonly CaseLogEntry[]): void {
    this.entries = list;
    this.ctx.host.requestUpdate();
  }
}
