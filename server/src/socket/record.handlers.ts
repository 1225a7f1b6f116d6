import type { CaseRecordService } from '../domain/case-records.js';
import { errors } from '../errors.js';
import type { Logger } from '../log.js';
import type { HandlerTable } from './handle.js';

/** consultation:record and report:year — case records and the fiscal-year report. Thin: the domain decides. */
export function registerRecordHandlers(handlers: HandlerTable, records: CaseRecordService, log: Logger): void {
  handlers.on('consultation:record', (payload, s) => {
    // The table already refused other roles; this narrows the socket's data for the compiler.
    if (s.data.role === 'client') throw errors.forbidden();
    const { consultationId, ...input } = payload;
    const result = records.record(s.data.staffId, consultationId, input);
    // Which topics or outcome is not logged: the log says only that a record was made.
    log.info({ event: 'consultation.recorded' }, 'counselor recorded a consultation');
    return result;
  });

  handlers.on('report:year', (payload) => records.yearReport(payload.fiscalYear));
}
