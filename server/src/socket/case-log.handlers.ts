import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';

/** caselog:add / correct / withdraw / mine / notes — the case log of the other channels. Thin: the domain decides. */
export function registerCaseLogHandlers(handlers: HandlerTable, deps: Pick<Services, 'caseLog'> & { log: Logger }): void {
  const { caseLog, log } = deps;
  const actor = (data: { staffId: string; role: 'counselor' | 'supervisor' | 'admin' }) => ({ staffId: data.staffId, role: data.role });
  handlers.staff('caselog:add', async (payload, s) => {
    const entry = await caseLog.add(actor(s.data), payload);
    // The channel only: no topic, no day (with the staff member they would narrow down who called).
    log.info({ event: 'caselog.added', channel: entry.channel }, 'consultation logged');
    return entry;
  });
  handlers.staff('caselog:correct', (payload, s) => {
    const { entryId, ...input } = payload;
    return caseLog.correct(actor(s.data), entryId, input);
  });
  handlers.staff('caselog:withdraw', (payload, s) => caseLog.withdraw(actor(s.data), payload.entryId));
  handlers.staff('caselog:mine', async (_payload, s) => ({ entries: await caseLog.mine(s.data.staffId) }));
  handlers.staff('caselog:notes', async (payload) => ({ notes: await caseLog.notes(payload.fiscalYear) }));
}
