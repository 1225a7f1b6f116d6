import type { ReportRow } from '../src/domain/types.js';

/** A consultation row as the repository gives it for the report: queued, and by default never taken up nor ended. */
export const reportRow = (queuedAt: string, more: Partial<ReportRow> = {}): ReportRow => ({
  queuedAt,
  assignedAt: null,
  taken: false,
  endedAt: null,
  endReason: null,
  campaign: null,
  record: null,
  handoffs: [],
  waitMs: null,
  ...more,
});
