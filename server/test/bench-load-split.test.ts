import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { machineMs } from '../bench/load-common.js';
import { joinSides } from '../bench/load-split.js';
import type { SideReport } from '../bench/stats.js';

// `npm run bench -- --attack` times the women's and the counselors' messages in two processes
// (load-side.ts) and joins them (load-split.ts). Timings are the bench's to print; this checks the
// joining and the clock it rests on.

const side = (sent: [string, number][], arrived: [string, number][], cpuMs = 10): SideReport => ({ sent, arrived, foreign: 0, stalls: [], cpuMs });

describe('the split load', () => {
  it('times each message from its sending on one side to its arrival on the other, in arrival order', () => {
    const women = side([['a|client|1', 100], ['b|client|1', 101], ['a|client|2', 102]], [['a|counselor|1', 106], ['b|counselor|1', 104]]);
    const counselors = side([['a|counselor|1', 103], ['b|counselor|1', 103.5]], [['b|client|1', 103], ['a|client|1', 110], ['a|client|1', 111]], 20);
    const result = joinSides(women, counselors, 0, [5, 7]);
    // b|client|1 (2), b|counselor|1 (0.5), a|counselor|1 (3), a|client|1 (10; its repeat ignored); a|client|2 never arrived.
    expect(result.latencies).toEqual([2, 0.5, 3, 10]);
    expect(result.byDirection).toEqual({ toWomen: [0.5, 3], toCounselors: [2, 10] });
    expect(result).toMatchObject({ sent: 5, received: 4, lost: 1, unpaired: 0, offerLatencies: [5, 7], cpuMs: 30 });
  });

  it('ignores arrivals of messages neither side sent', () => {
    const result = joinSides(side([['a|client|1', 1]], []), side([], [['x|client|9', 2], ['a|client|1', 4]]), 2, []);
    expect(result.latencies).toEqual([3]);
    expect(result).toMatchObject({ sent: 1, received: 1, lost: 0, unpaired: 2 });
  });

  it('reads one clock in every process of the machine', () => {
    const before = machineMs();
    const child = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(Number(process.hrtime.bigint()) / 1e6))'], { encoding: 'utf8' }));
    const after = machineMs();
    expect(child).toBeGreaterThanOrEqual(before);
    expect(child).toBeLessThanOrEqual(after);
  });
});
