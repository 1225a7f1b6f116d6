import { describe, expect, it } from 'vitest';
import { EventBudgets } from './event-budget.js';

/** A millisecond source the test moves by hand. */
function manualTime() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => void (ms += by) };
}

describe('EventBudgets (per-socket token bucket)', () => {
  const limits = { burst: 10, perSecond: 2, refusalsBeforeDisconnect: 3, bytesPerPoint: 2048 };

  it('lets a burst through, then refuses, and refills at the rate', () => {
    const time = manualTime();
    const budgets = new EventBudgets(limits, time.now);
    const socket = {};
    for (let i = 0; i < 5; i++) expect(budgets.spend(socket, 2)).toBe('pass');
    expect(budgets.spend(socket, 1)).toBe('refuse');
    time.advance(500); // one point back
    expect(budgets.spend(socket, 2)).toBe('refuse');
    time.advance(500);
    expect(budgets.spend(socket, 2)).toBe('pass');
  });

  it('never holds more than the burst however long a socket was quiet', () => {
    const time = manualTime();
    const budgets = new EventBudgets(limits, time.now);
    const socket = {};
    budgets.spend(socket, 1);
    time.advance(3_600_000);
    expect(budgets.spend(socket, 10)).toBe('pass');
    expect(budgets.spend(socket, 1)).toBe('refuse');
  });

  it('disconnects after the set number of refusals in a row; a passing event starts the count again', () => {
    const time = manualTime();
    const budgets = new EventBudgets(limits, time.now);
    const socket = {};
    expect(budgets.spend(socket, 10)).toBe('pass');
    expect(budgets.spend(socket, 5)).toBe('refuse');
    expect(budgets.spend(socket, 5)).toBe('refuse');
    time.advance(1000);
    expect(budgets.spend(socket, 2)).toBe('pass');
    expect(budgets.spend(socket, 5)).toBe('refuse');
    expect(budgets.spend(socket, 5)).toBe('refuse');
    expect(budgets.spend(socket, 5)).toBe('disconnect');
  });

  it('keeps each socket to its own budget', () => {
    const budgets = new EventBudgets(limits, manualTime().now);
    const greedy = {};
    const other = {};
    expect(budgets.spend(greedy, 10)).toBe('pass');
    expect(budgets.spend(greedy, 1)).toBe('refuse');
    expect(budgets.spend(other, 10)).toBe('pass');
  });
});
