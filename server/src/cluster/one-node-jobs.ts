import type { Logger } from '../log.js';
import { type JobLock, JobLeader } from './job-lock.js';

/** Jobs that must not run on two nodes at once: `start` runs them and returns how to stop them. */
export interface OneNodeJobs {
  start(): () => Promise<void>;
}

/**
 * Runs `jobs` here at once when the relay is one process (no lock: exactly as before issue 17),
 * or while this node holds the job lock when there are several. `stop` stops them and gives the
 * lock up, so another node takes them over without waiting for the lease to run out.
 */
export function oneNodeJobs(lock: JobLock | null, log: Logger, jobs: OneNodeJobs): { start(): void; stop(): Promise<void> } {
  let stopJobs: (() => Promise<void>) | null = null;
  const halt = async () => {
    const s = stopJobs;
    stopJobs = null;
    await s?.();
  };
  if (!lock) {
    return {
      start: () => void (stopJobs = jobs.start()),
      stop: halt,
    };
  }
  const leader = new JobLeader(lock, { lead: () => void (stopJobs = jobs.start()), follow: halt }, log);
  return { start: () => leader.start(), stop: () => leader.stop() };
}
