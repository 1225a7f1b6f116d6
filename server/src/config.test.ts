import { describe, expect, it } from 'vitest';
import { checkStartable, loadConfig, loginLimitsOf } from './config.js';

describe('configuration for issue 13', () => {
  it('refuses to start a relay outside the demo unless PUBLIC_URL is https', () => {
    expect(() => checkStartable(loadConfig({}))).toThrow(/PUBLIC_URL must be an https/);
    expect(() => checkStartable(loadConfig({ PUBLIC_URL: 'http://relay.example' }))).toThrow(/https/);
    expect(() => checkStartable(loadConfig({ PUBLIC_URL: 'https://relay.example' }))).not.toThrow();
    expect(() => checkStartable(loadConfig({ DEMO: '1' }))).not.toThrow();
  });

  it('STAFF_KDF is the Argon2id floor: moderate by default, min only when asked, nothing else', () => {
    expect(loadConfig({}).staffKdf).toBe('moderate');
    expect(loadConfig({ STAFF_KDF: 'min' }).staffKdf).toBe('min');
    expect(() => loadConfig({ STAFF_KDF: 'interactive' })).toThrow(/STAFF_KDF/);
  });

  it('the console locks after 15 minutes unless told otherwise, within what its config allows', () => {
    expect(loadConfig({}).lockAfterMinutes).toBe(15);
    expect(loadConfig({ TSUNAGARI_LOCK_AFTER_MINUTES: '5' }).lockAfterMinutes).toBe(5);
    for (const bad of ['0', '1441', 'soon']) expect(() => loadConfig({ TSUNAGARI_LOCK_AFTER_MINUTES: bad }), bad).toThrow(/TSUNAGARI_LOCK_AFTER_MINUTES/);
  });

  it('TSUNAGARI_CONSOLE_ORIGIN must be a bare origin', () => {
    expect(loadConfig({}).consoleOrigin).toBeNull();
    expect(loadConfig({ TSUNAGARI_CONSOLE_ORIGIN: 'https://console.npo.example' }).consoleOrigin).toBe('https://console.npo.example');
    for (const bad of ['https://console.npo.example/', 'https://console.npo.example/console', 'console.npo.example', 'ftp://x.example']) {
      expect(() => loadConfig({ TSUNAGARI_CONSOLE_ORIGIN: bad }), bad).toThrow(/TSUNAGARI_CONSOLE_ORIGIN/);
    }
  });
});

describe('routing settings from the environment', () => {
  it('reads seconds into the routing options, leaving the rest to their defaults', () => {
    expect(loadConfig({}).routing).toEqual({});
    const env = { TSUNAGARI_OFFER_TIMEOUT_S: '5', TSUNAGARI_CLIENT_GRACE_S: '90', TSUNAGARI_COUNSELOR_GRACE_S: '0.5', TSUNAGARI_ALTERNATIVES_AFTER_S: '300' };
    expect(loadConfig(env).routing).toEqual({ offerTimeoutMs: 5000, clientGraceMs: 90_000, counselorGraceMs: 500, alternativesAfterSeconds: 300 });
  });

  it('refuses what is not a positive number of seconds, naming the variable', () => {
    expect(() => loadConfig({ TSUNAGARI_OFFER_TIMEOUT_S: '0' })).toThrow(/TSUNAGARI_OFFER_TIMEOUT_S/);
    expect(() => loadConfig({ TSUNAGARI_CLIENT_GRACE_S: 'soon' })).toThrow(/TSUNAGARI_CLIENT_GRACE_S/);
  });
});

describe('configuration: test hooks', () => {
  it('are off unless asked for', () => {
    expect(loadConfig({ DEMO: '1' }).testHooks).toBe(false);
  });

  it('are on in a demo or test server that asks for them', () => {
    expect(loadConfig({ DEMO: '1', TSUNAGARI_TEST_HOOKS: '1' }).testHooks).toBe(true);
  });

  it('are refused by a production start: the relay would replay messages on request', () => {
    expect(() => loadConfig({ TSUNAGARI_TEST_HOOKS: '1' })).toThrow(/TSUNAGARI_TEST_HOOKS=1 .*DEMO=1/);
    expect(() => loadConfig({ DEMO: '0', TSUNAGARI_TEST_HOOKS: '1', PUBLIC_URL: 'https://relay.example' })).toThrow(/DEMO=1/);
  });
});

describe('configuration for issue 14: logins, disk, demo database', () => {
  it('login limits default to the guard ones and take whole numbers from the environment', () => {
    const d = loadConfig({});
    expect([d.loginFreeFailures, d.loginBackoffMaxSeconds, d.loginFailuresPerNetwork, d.loginSlowDownMaxMs]).toEqual([5, 900, 20, 2000]);
    const set = loadConfig({ TSUNAGARI_LOGIN_FREE_FAILURES: '3', TSUNAGARI_LOGIN_BACKOFF_MAX_S: '60', TSUNAGARI_LOGIN_FAILURES_PER_NETWORK: '10', TSUNAGARI_LOGIN_SLOWDOWN_MAX_MS: '0' });
    expect([set.loginFreeFailures, set.loginBackoffMaxSeconds, set.loginFailuresPerNetwork, set.loginSlowDownMaxMs]).toEqual([3, 60, 10, 0]);
    expect(loginLimitsOf(set)).toEqual({ freeFailures: 3, backoffMaxSeconds: 60, failuresPerNetwork: 10, slowDownMaxMs: 0 });
    expect(() => loadConfig({ TSUNAGARI_LOGIN_FREE_FAILURES: '0' })).toThrow(/TSUNAGARI_LOGIN_FREE_FAILURES/);
    expect(() => loadConfig({ TSUNAGARI_LOGIN_SLOWDOWN_MAX_MS: 'lots' })).toThrow(/TSUNAGARI_LOGIN_SLOWDOWN_MAX_MS/);
  });

  it('verification threads: at least one', () => {
    expect(loadConfig({}).verifyThreads).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ TSUNAGARI_VERIFY_THREADS: '2' }).verifyThreads).toBe(2);
    expect(() => loadConfig({ TSUNAGARI_VERIFY_THREADS: '0' })).toThrow(/TSUNAGARI_VERIFY_THREADS/);
  });

  it('the disk alarm threshold is in MB, 1024 unless set', () => {
    expect(loadConfig({}).diskAlarmMb).toBe(1024);
    expect(loadConfig({ TSUNAGARI_DISK_ALARM_MB: '200' }).diskAlarmMb).toBe(200);
    expect(() => loadConfig({ TSUNAGARI_DISK_ALARM_MB: '-1' })).toThrow(/TSUNAGARI_DISK_ALARM_MB/);
  });

  it('the demo keeps its own database file, apart from the production default', () => {
    expect(loadConfig({ DEMO: '1' }).dbPath).toMatch(/data[\\/]demo\.sqlite$/);
    expect(loadConfig({}).dbPath).toMatch(/data[\\/]tsunagari\.db$/);
    expect(loadConfig({ DEMO: '1', TSUNAGARI_DB: '/tmp/x.db' }).dbPath).toBe('/tmp/x.db');
  });
});
