import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration: test hooks', () => {
  it('are off unless asked for', () => {
    expect(loadConfig({ DEMO: '1' }).testHooks).toBe(false);
  });

  it('are on in a demo or test server that asks for them', () => {
    expect(loadConfig({ DEMO: '1', TSUNAGARI_TEST_HOOKS: '1' }).testHooks).toBe(true);
  });

  it('are refused by a production start: the relay would replay messages on request', () => {
    expect(() => loadConfig({ TSUNAGARI_TEST_HOOKS: '1' })).toThrow(/TSUNAGARI_TEST_HOOKS=1 .*DEMO=1/);
    expect(() => loadConfig({ DEMO: '0', TSUNAGARI_TEST_HOOKS: '1' })).toThrow(/DEMO=1/);
  });
});
