import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginGuard } from './login-guard.js';

describe('LoginGuard', () => {
  afterEach(() => void vi.useRealTimers());

  it('makes the failing network wait for that name, doubling the wait; other networks are not held', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    // The waits alone: the spacing of one network's checks has its own tests below.
    const guard = new LoginGuard({ checkSpacingMs: 0 });
    for (let i = 0; i < 5; i++) {
      expect(await guard.admit('sato', 'net-a')).toBe(0);
      await guard.failed('sato', 'net-a');
    }
    await expect(guard.admit('sato', 'net-a')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await guard.admit('sato', 'net-b')).toBe(0);
    expect(await guard.admit('tanaka', 'net-a')).toBe(0);
    vi.advanceTimersByTime(29_000);
    await expect(guard.admit('sato', 'net-a')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    vi.advanceTimersByTime(2_000);
    expect(await guard.admit('sato', 'net-a')).toBe(0);
    await guard.failed('sato', 'net-a'); // the sixth: 60 s now
    vi.advanceTimersByTime(59_000);
    await expect(guard.admit('sato', 'net-a')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    vi.advanceTimersByTime(2_000);
    expect(await guard.admit('sato', 'net-a')).toBe(0);
  });

  it('forgets the failures of a network for a name when the right password comes from it', async () => {
    const guard = new LoginGuard({ freeFailures: 2 });
    await guard.failed('sato', 'net-a');
    await guard.succeeded('sato', 'net-a');
    await guard.failed('sato', 'net-a');
    expect(await guard.admit('sato', 'net-a')).toBe(0);
  });

  it('slows a name under failures from many networks, within the cap, and never refuses it', async () => {
    const guard = new LoginGuard({ slowAfterFailures: 10, slowDownMaxMs: 2000, checkSpacingMs: 0 });
    for (let n = 0; n < 10; n++) await guard.failed('sato', `net-${n}`);
    expect(await guard.admit('sato', 'fresh')).toBe(100);
    for (let n = 10; n < 40; n++) await guard.failed('sato', `net-${n}`);
    expect(await guard.admit('sato', 'fresh')).toBe(2000);
    expect(await guard.admit('tanaka', 'fresh')).toBe(0);
  });

  it("spaces a failing network's password checks, each a spacing after the one before, and only that network's", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const guard = new LoginGuard({ checkSpacingMs: 100 });
    expect(await guard.admit('sato', 'net-a')).toBe(0);
    await guard.failed('sato', 'net-a');
    guard.settled('net-a');
    // Three more at once from the failing network: one now is too soon after the first, so 100,
    // then 200 and 300 ms; another network's check is not held.
    expect(await Promise.all(['tanaka', 'suzuki', 'yamada'].map((name) => guard.admit(name, 'net-a')))).toEqual([100, 200, 300]);
    expect(await guard.admit('tanaka', 'net-b')).toBe(0);
    // Once its booked turns have passed, the failing network's next check starts at once.
    vi.advanceTimersByTime(400);
    for (let i = 0; i < 3; i++) guard.settled('net-a');
    expect(await guard.admit('kato', 'net-a')).toBe(0);
  });

  it('a network with no failure is spaced only while its check is running: one sign-in after another waits for nothing', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const guard = new LoginGuard({ checkSpacingMs: 100 });
    for (const name of ['sato', 'tanaka', 'suzuki']) {
      expect(await guard.admit(name, 'office')).toBe(0);
      await guard.succeeded(name, 'office');
      guard.settled('office');
    }
    // Two at the same moment: the second waits for the first's turn to pass.
    expect(await guard.admit('yamada', 'office')).toBe(0);
    expect(await guard.admit('kato', 'office')).toBe(100);
  });

  it('with a spacing of 0, checks are never held', async () => {
    const guard = new LoginGuard({ checkSpacingMs: 0 });
    await guard.failed('sato', 'net-a');
    expect(await Promise.all([guard.admit('sato', 'net-a'), guard.admit('tanaka', 'net-a')])).toEqual([0, 0]);
  });
});
