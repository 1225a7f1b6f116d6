import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';

/** distribution:add / correct / withdraw / list — distribution events (生理用品配布会). Thin: the domain decides. */
export function registerDistributionHandlers(handlers: HandlerTable, deps: Pick<Services, 'distribution'> & { log: Logger }): void {
  const { distribution, log } = deps;
  handlers.staff('distribution:add', async (payload, s) => {
    const event = await distribution.add(s.data.staffId, payload);
    log.info({ event: 'distribution.added', municipality: event.municipality }, 'distribution event recorded');
    return event;
  });
  handlers.staff('distribution:correct', (payload) => {
    const { eventId, ...input } = payload;
    return distribution.correct(eventId, input);
  });
  handlers.staff('distribution:withdraw', (payload) => distribution.withdraw(payload.eventId));
  handlers.staff('distribution:list', async () => ({ events: await distribution.list() }));
}
