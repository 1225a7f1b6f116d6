import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginGuard } from './login-guard.js';

describe('LoginGuard', () => {
  afterEach(() => void vi.useRealTimers());

  it('makes the failing network wait for that name, doubling the wait; other networks are not held', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const guard = new LoginGuard();
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
    const guard = new LoginGuard({ slowAfterFailures: 10, slowDownMaxMs: 2000 });
    for (let n = 0; n < 10; n++) await guard.failed('sato', `net-${n}`);
    expect(await guard.admit('sato', 'fresh')).toBe(100);
    for (let n = 10; n < 40; n++) await guard.failed('sato', `net-${n}`);
    expect(await guard.admit('sato', 'fresh')).toBe(2000);
    expect(await guard.admit('tanaka', 'fresh')).toBe(0);
  });
});
