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
