import fs from 'node:fs';
import type { Logger } from '../log.js';

/** Below this much free space on the database's disk (MB) the relay logs an alarm. */
export const DEFAULT_DISK_ALARM_MB = 1024;
const HOUR_MS = 3600_000;

/** Free space, in whole MB, available to the relay on the file system that holds `dir`. */
export function freeDiskMb(dir: string): number {
  const s = fs.statfsSync(dir);
  return Math.floor((s.bavail * s.bsize) / (1024 * 1024));
}

/**
 * Checks the free space once: an alarm (error level, event `disk.low`) below `alarmMb`, a quiet
 * note otherwise. A relay whose disk fills refuses writes (STORAGE_FULL) rather than losing
 * them, but it then turns women away: the alarm gives the operator the hours before that.
 */
export function checkDisk(dir: string, alarmMb: number, log: Logger): { freeMb: number; low: boolean } {
  const freeMb = freeDiskMb(dir);
  const low = freeMb < alarmMb;
  if (low) log.error({ event: 'disk.low', freeMb, alarmMb }, 'free disk space for the database is below the alarm threshold');
  else log.debug({ event: 'disk.ok', freeMb, alarmMb }, 'free disk space checked');
  return { freeMb, low };
}

/** Checks now and every hour after (the timer does not keep the process alive); returns a stop function. */
export function watchDisk(dir: string, alarmMb: number, log: Logger, intervalMs = HOUR_MS): () => void {
  const check = () => {
    try {
      checkDisk(dir, alarmMb, log);
    } catch (caught) {
      log.error({ event: 'disk.check_failed', errName: caught instanceof Error ? caught.name : typeof caught }, 'could not read free disk space');
    }
  };
  check();
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
