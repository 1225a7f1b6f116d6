import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** What the relay asks a Redis of itself before it writes anything there. */
export interface RedisSettings {
  /** The RDB snapshot rule (`CONFIG GET save`); '' when snapshots are off. */
  save: string;
  /** 'yes' when the append-only file is on (`CONFIG GET appendonly`). */
  appendonly: string;
  /** What Redis drops when it is full (`CONFIG GET maxmemory-policy`). */
  maxmemoryPolicy: string;
  /** `INFO cluster` says `cluster_enabled:1`: a Redis Cluster node. */
  clusterEnabled: boolean;
}

/** Whether this Redis writes what it holds to disk (a snapshot rule, or the append-only file). */
export function savesToDisk(s: Pick<RedisSettings, 'save' | 'appendonly'>): boolean {
  return s.save.trim() !== '' || s.appendonly.trim().toLowerCase() === 'yes';
}

/**
 * Why a Redis cannot hold what the relay keeps there, one sentence each saying what to change;
 * empty when it can.
 * - Saving to disk: Redis holds the day's caller salt and each caller network's daily key; with
 *   both on a disk a day's IPv4 addresses can be recovered by trying all 2³² of them — which
 *   networks reached a DV chat that day. Redis keeps nothing the relay cannot rebuild from the
 *   database, so nothing is lost by keeping it in memory only.
 * - Evicting keys: an evicted key is a woman's lost place in the queue, an offer or a capacity
 *   forgotten, or a limit reset — and a script that fills Redis would choose what is evicted.
 *   Managed services often default to `volatile-lru`; Redis itself to `noeviction`.
 * - A Redis Cluster node: routing moves her through the queue with scripts that touch several
 *   keys at once, and the relay's client speaks to one Redis; a cluster refuses or redirects those.
 */
export function unfitReasons(s: RedisSettings): string[] {
  const reasons: string[] = [];
  if (savesToDisk(s)) {
    reasons.push(
      `It saves to disk (save "${s.save}", appendonly ${s.appendonly}): it holds the day's caller salt and callers' network keys, which must never be written down. ` +
        'Turn its saving off (redis.conf: save "" and appendonly no; or CONFIG SET save "" and CONFIG SET appendonly no).',
    );
  }
  if (s.maxmemoryPolicy.trim().toLowerCase() !== 'noeviction') {
    reasons.push(
      `It may evict keys when full (maxmemory-policy ${s.maxmemoryPolicy}): an evicted key would be a waiting woman's lost place, or a limit forgotten. ` +
        'Set maxmemory-policy noeviction (redis.conf, or CONFIG SET maxmemory-policy noeviction) and give it memory to spare.',
    );
  }
  if (s.clusterEnabled) {
    reasons.push(
      'It is a Redis Cluster node (cluster_enabled:1): routing moves a woman through the queue with scripts over several keys at once, which a cluster splits. ' +
        "Use one Redis primary (for availability, a replica with Sentinel or a managed service's failover).",
    );
  }
  return reasons;
}

/**
 * Refuses a Redis the relay must not use (see {@link unfitReasons}), before the relay writes
 * anything there. A Redis whose CONFIG command is withheld (some managed services) cannot be asked
 * how it saves or evicts: the relay says so in its log and goes on, and the operator must check.
 */
export async function refuseUnfitRedis(redis: Redis, log: Logger): Promise<void> {
  // A Redis that withholds INFO is taken for a single one: a cluster would refuse the first script.
  const cluster = await redis.call('INFO', 'cluster').then(String, () => '');
  const clusterEnabled = /^cluster_enabled:1\s*$/m.test(cluster);
  let settings: RedisSettings;
  try {
    const [save, appendonly, policy] = await Promise.all(
      ['save', 'appendonly', 'maxmemory-policy'].map(async (name) => ((await redis.call('CONFIG', 'GET', name)) as string[])[1]),
    );
    settings = { save: save ?? '', appendonly: appendonly ?? 'no', maxmemoryPolicy: policy ?? 'noeviction', clusterEnabled };
  } catch {
    log.warn(
      { event: 'redis.persistence_unknown' },
      'Redis did not answer CONFIG GET: check by hand that it saves nothing to disk (save "" and appendonly no) and evicts nothing (maxmemory-policy noeviction)',
    );
    settings = { save: '', appendonly: 'no', maxmemoryPolicy: 'noeviction', clusterEnabled };
  }
  const reasons = unfitReasons(settings);
  if (reasons.length === 0) return;
  throw new Error(
    `The Redis named by TSUNAGARI_REDIS_URL cannot be used as it is set up.\n${reasons.map((r) => `- ${r}`).join('\n')}\n` +
      'Change that and start the relay again. Redis keeps nothing the relay cannot rebuild from the database (README, "Several nodes").',
  );
}
