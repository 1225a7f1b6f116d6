import { describe, expect, test } from 'vitest';
import { resolveCampaign, resolveOrgKey, resolveServer } from './attributes.js';

const script = 'https://relay.example.jp/widget/tsunagari-chat.js';

describe('resolveServer', () => {
  test('defaults to the origin the script came from', () => {
    expect(resolveServer(null, script)).toBe('https://relay.example.jp');
    expect(resolveServer('', script)).toBe('https://relay.example.jp');
  });
  test('takes an http(s) URL, without a trailing slash', () => {
    expect(resolveServer('https://chat.example.org/', script)).toBe('https://chat.example.org');
    expect(resolveServer('http://127.0.0.1:3000', script)).toBe('http://127.0.0.1:3000');
  });
  test('refuses other schemes', () => {
    expect(resolveServer('javascript:alert(1)', script)).toBe('https://relay.example.jp');
  });
});

describe('resolveCampaign', () => {
  test('accepts the protocol pattern only', () => {
    expect(resolveCampaign('flyer-2025-04')).toBe('flyer-2025-04');
    expect(resolveCampaign('Flyer')).toBeUndefined();
    expect(resolveCampaign('a'.repeat(33))).toBeUndefined();
    expect(resolveCampaign(null)).toBeUndefined();
  });
});

describe('resolveOrgKey', () => {
  test('accepts a 32-byte base64url key and nothing else', () => {
    const key = 'A'.repeat(43);
    expect(resolveOrgKey(` ${key} `)).toBe(key);
    expect(resolveOrgKey('A'.repeat(42))).toBe('');
    expect(resolveOrgKey(undefined)).toBe('');
  });
});

import { resolveExitUrl, DEFAULT_EXIT_URL } from './hours-status.js';

describe('exit-url', () => {
  test('accepts http(s) and relative URLs, refuses others', () => {
    expect(resolveExitUrl('/exit', 'https://relay.example/c/flyer')).toBe('https://relay.example/exit');
    expect(resolveExitUrl('https://weather.example/', 'https://a.example/')).toBe('https://weather.example/');
    expect(resolveExitUrl('javascript:alert(1)', 'https://a.example/')).toBe(DEFAULT_EXIT_URL);
    expect(resolveExitUrl(null, 'https://a.example/')).toBe(DEFAULT_EXIT_URL);
  });
});

import { MAX_RELOAD_WINDOW_MINUTES, resolveReloadWindowMs } from './attributes.js';

describe('reload-window', () => {
  test('minutes (fractions too), 5 by default, never over the maximum', () => {
    expect(resolveReloadWindowMs(null)).toBe(5 * 60_000);
    expect(resolveReloadWindowMs('2')).toBe(2 * 60_000);
    expect(resolveReloadWindowMs('0.5')).toBe(30_000);
    expect(resolveReloadWindowMs(String(MAX_RELOAD_WINDOW_MINUTES))).toBe(MAX_RELOAD_WINDOW_MINUTES * 60_000);
    for (const bad of ['0', '-1', 'abc', '', String(MAX_RELOAD_WINDOW_MINUTES + 1), 'Infinity']) expect(resolveReloadWindowMs(bad)).toBe(5 * 60_000);
  });
});
