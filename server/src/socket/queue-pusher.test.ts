import { describe, expect, it } from 'vitest';
import { SHARED_PUSH_MAX_MS, SHARED_PUSH_MS, sharedPushMs } from './queue-pusher.js';

// Several nodes: a push costs in proportion to the queue, so pushes are spaced in proportion,
// between a tenth of a second and two seconds.
describe('the shared push interval', () => {
  it('stays at a tenth of a second for short queues, grows with a long one, and stops at its cap', () => {
    expect(sharedPushMs(0)).toBe(SHARED_PUSH_MS);
    expect(sharedPushMs(500)).toBe(SHARED_PUSH_MS);
    expect(sharedPushMs(5_000)).toBe(500);
    expect(sharedPushMs(10_000)).toBe(1_000);
    expect(sharedPushMs(30_000)).toBe(SHARED_PUSH_MAX_MS);
  });
});
