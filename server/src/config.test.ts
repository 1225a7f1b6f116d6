import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

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
