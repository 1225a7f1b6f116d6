import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** What Redis says of its own saving to disk (`CONFIG GET save` and `appendonly`). */
export interface RedisPersistence {
  /** The RDB snapshot rule; '' when snapshots are off. */
  save: string;
  /** 'yes' when the append-only file is on. */
  appendonly: string;
}

/** Whether this Redis writes what it holds to disk (a snapshot rule, or the append-only file). */
export function savesToDisk(p: RedisPersistence): boolean {
  return p.save.trim() !== '' || p.appendonly.trim().toLowerCase() === 'yes';
}

/**
 * Refuses a Redis that writes to disk. Redis holds the day's caller salt and each caller network's
 * daily key: with both on a disk, a day's IPv4 addresses can be recovered by trying all 2³² of
 * them — which networks reached a DV chat that day. The README promises the salt is never written
 * down, and Redis keeps nothing the relay cannot rebuild from the database, so nothing is lost by
 * keeping it in memory only. A Redis whose CONFIG command is withheld (some managed services)
 * cannot be asked: the relay says so in its log and goes on, and the operator must check.
 */
export async function refuseRedisPersistence(redis: Redis, log: Logger): Promise<void> {
  let found: RedisPersistence;
  try {
    const save = (await redis.call('CONFIG', 'GET', 'save')) as string[];
    const appendonly = (await redis.call('CONFIG', 'GET', 'appendonly')) as string[];
    found = { save: save[1] ?? '', appendonly: appendonly[1] ?? 'no' };
  } catch {
    log.warn({ event: 'redis.persistence_unknown' }, 'Redis did not answer CONFIG GET: check by hand that it saves nothing to disk (save "" and appendonly no)');
    return;
  }
  if (!savesToDisk(found)) return;
  throw new Error(
    `The Redis named by TSUNAGARI_REDIS_URL saves to disk (save "${found.save}", appendonly ${found.appendonly}). ` +
      "It holds the day's caller salt and callers' network keys, which must never be written down: " +
      'turn its saving off (redis.conf: save "" and appendonly no; or CONFIG SET save "" and CONFIG SET appendonly no) and start the relay again. ' +
      'Redis keeps nothing the relay cannot rebuild from the database (README, "Several nodes").',
  );
}
