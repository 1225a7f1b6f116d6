import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';

/** outreach:log / correct / withdraw / mine — home visits and accompaniments done without an appointment. Thin: the domain decides. */
export function registerOutreachHandlers(handlers: HandlerTable, deps: Pick<Services, 'outreach'> & { log: Logger }): void {
  const { outreach, log } = deps;
  const actor = (data: { staffId: string; role: 'counselor' | 'supervisor' | 'admin' }) => ({ staffId: data.staffId, role: data.role });
  handlers.staff('outreach:log', async (payload, s) => {
    const visit = await outreach.log(actor(s.data), payload);
    // The kind only: the day and the agency with the staff member would narrow down whom she visited.
    log.info({ event: 'outreach.logged', kind: visit.kind }, 'visit logged');
    return visit;
  });
  handlers.staff('outreach:correct', (payload, s) => {
    const { entryId, ...input } = payload;
    return outreach.correct(actor(s.data), entryId, input);
  });
  handlers.staff('outreach:withdraw', (payload, s) => outreach.withdraw(actor(s.data), payload.entryId));
  handlers.staff('outreach:mine', async (_payload, s) => ({ visits: await outreach.mine(s.data.staffId) }));
}
