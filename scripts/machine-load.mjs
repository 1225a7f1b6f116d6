// How busy the whole machine was during a phase of `npm test`, read from Linux's /proc (read
// only; elsewhere nothing is printed). The suite's wall time moves with the machine: a phase
// that kept both cores busy was bound by CPU, one that did not was waiting; and on the machines
// here the kernel's memory-reclaim thread (`kdamond`, DAMON's proactive page-out) was seen taking
// ~0.6 of a core during browser tests (docs/performance.md, 2026-12-02 evening), CPU that no
// process of ours is charged for.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

/** Busy and total CPU ticks of the whole machine, and the kernel reclaim threads' ticks. */
export function machineSnapshot() {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: idle and iowait are not work.
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    const busy = total - cpu[3] - cpu[4];
    return { at: performance.now(), busy, reclaim: reclaimTicks() };
  } catch {
    return null;
  }
}

function reclaimTicks() {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (!name.startsWith('kdamond')) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

/** "1.84 cores busy, kdamond 0.31" for the span between two snapshots, or '' where unknown. */
export function describeLoad(before, after) {
  if (!before || !after) return '';
  const seconds = (after.at - before.at) / 1000;
  if (seconds <= 0) return '';
  const cores = (ticks) => ticks / TICKS_PER_SECOND / seconds;
  const reclaim = cores(after.reclaim - before.reclaim);
  // Shown once it reaches a hundredth of a core: below that it is noise.
  return `machine ${cores(after.busy - before.busy).toFixed(2)} cores busy${reclaim >= 0.005 ? `, kdamond ${reclaim.toFixed(2)}` : ''}`;
}
