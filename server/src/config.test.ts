import { describe, expect, it } from 'vitest';
import { checkStartable, loadConfig } from './config.js';

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

describe('frame ancestors of the landing page', () => {
  it('reads origins, none by default, and refuses what is not an origin', () => {
    expect(loadConfig({}).frameAncestors).toEqual([]);
    expect(loadConfig({ TSUNAGARI_FRAME_ANCESTORS: 'https://npo.example  https://www.npo.example' }).frameAncestors).toEqual(['https://npo.example', 'https://www.npo.example']);
    for (const bad of ['npo.example', 'https://npo.example/chat', "'self'", '*']) {
      expect(() => loadConfig({ TSUNAGARI_FRAME_ANCESTORS: bad }), bad).toThrow(/TSUNAGARI_FRAME_ANCESTORS/);
    }
  });
});

describe('routing settings from the environment', () => {
  it('reads seconds into the routing options, leaving the rest to their defaults', () => {
    expect(loadConfig({}).routing).toEqual({});
    const env = { TSUNAGARI_OFFER_TIMEOUT_S: '5', TSUNAGARI_CLIENT_GRACE_S: '90', TSUNAGARI_COUNSELOR_GRACE_S: '0.5', TSUNAGARI_ALTERNATIVES_AFTER_S: '300' };
    expect(loadConfig(env).routing).toEqual({ offerTimeoutMs: 5000, clientGraceMs: 90_000, counselorGraceMs: 500, alternativesAfterSeconds: 300 });
  });

  it('reads the away and gone periods of a client gone from an active chat (issue 15)', () => {
    expect(loadConfig({ TSUNAGARI_CLIENT_AWAY_S: '600', TSUNAGARI_CLIENT_GONE_S: '1200' }).routing).toEqual({ clientAwayMs: 600_000, clientGoneMs: 1_200_000 });
    expect(() => loadConfig({ TSUNAGARI_CLIENT_AWAY_S: '-1' })).toThrow(/TSUNAGARI_CLIENT_AWAY_S/);
    expect(() => loadConfig({ TSUNAGARI_CLIENT_GONE_S: 'later' })).toThrow(/TSUNAGARI_CLIENT_GONE_S/);
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
