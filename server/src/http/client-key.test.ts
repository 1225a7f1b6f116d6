import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../sodium.js';
import { CallerKeys, DailyClientKey, callerAddress, callerNetwork } from './client-key.js';

/** Real requests over loopback, so the peer address is a real socket's. */
let server: http.Server;
let url = '';
let seen: IncomingMessage[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function request(headers: Record<string, string> = {}): Promise<IncomingMessage> {
  seen = [];
  await fetch(url, { headers });
  return seen[0] as IncomingMessage;
}

describe('callerAddress', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For claims', async () => {
    const req = await request({ 'x-forwarded-for': '203.0.113.7' });
    expect(callerAddress(req, 0)).toBe('127.0.0.1');
  });

  it('believes as many forwarded entries as there are trusted proxies, and no more', async () => {
    const req = await request({ 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
    expect(callerAddress(req, 1)).toBe('203.0.113.7');
    expect(callerAddress(req, 2)).toBe('198.51.100.1');
    // A client cannot push her own entry past the proxies we run.
    expect(callerAddress(req, 5)).toBe('198.51.100.1');
  });
});

describe('DailyClientKey', () => {
  it('keeps a key for one Tokyo day, changes it at Tokyo midnight, and never shows the address', async () => {
    const sodium = await loadSodium();
    let now = new Date('2026-11-28T14:59:59Z'); // 23:59:59 in Tokyo
    const keys = new DailyClientKey(sodium, { now: () => now });
    const before = keys.of('203.0.113.7');
    expect(keys.of('203.0.113.7')).toBe(before);
    expect(keys.of('203.0.113.8')).not.toBe(before);
    expect(before).not.toContain('203');
    now = new Date('2026-11-28T15:00:00Z'); // 00:00 the next day in Tokyo
    expect(keys.of('203.0.113.7')).not.toBe(before);
  });

  it('tells callers behind a trusted proxy apart by their forwarded address', async () => {
    const sodium = await loadSodium();
    const callers = new CallerKeys(new DailyClientKey(sodium, { now: () => new Date() }), 1);
    const a = callers.of(await request({ 'x-forwarded-for': '203.0.113.7' }));
    const b = callers.of(await request({ 'x-forwarded-for': '203.0.113.8' }));
    const a2 = callers.of(await request({ 'x-forwarded-for': '203.0.113.7' }));
    expect(a).not.toBe(b);
    expect(a2).toBe(a);
  });
});

describe('callerNetwork', () => {
  it('keeps a whole IPv4 address by default, and the first bits asked for otherwise', () => {
    expect(callerNetwork('203.0.113.7')).toBe('203.0.113.7/32');
    expect(callerNetwork('203.0.113.7', { v4: 24, v6: 64 })).toBe('203.0.113.0/24');
    expect(callerNetwork('203.0.113.7', { v4: 20, v6: 64 })).toBe('203.0.112.0/20');
  });

  it('puts every address of one IPv6 /64 in one network, and the next /64 in another', () => {
    const a = callerNetwork('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(callerNetwork('2001:db8:1:2::1')).toBe(a);
    expect(callerNetwork('2001:db8:1:3::1')).not.toBe(a);
    expect(a).toBe('2001:db8:1:2::/64');
    expect(callerNetwork('2001:db8:1:2::1', { v4: 32, v6: 48 })).toBe(callerNetwork('2001:db8:1:ffff::1', { v4: 32, v6: 48 }));
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 caller it carries', () => {
    expect(callerNetwork('::ffff:203.0.113.7')).toBe(callerNetwork('203.0.113.7'));
    expect(callerNetwork('::ffff:203.0.113.7', { v4: 24, v6: 64 })).toBe('203.0.113.0/24');
  });

  it('leaves what is not an address as it is', () => {
    expect(callerNetwork('unknown')).toBe('unknown');
  });
});

describe('CallerKeys by network', () => {
  it('gives every address of one IPv6 /64 one key, another /64 another, and a mapped IPv4 its own', async () => {
    const sodium = await loadSodium();
    const callers = new CallerKeys(new DailyClientKey(sodium, { now: () => new Date() }), 1);
    const key = async (forwarded: string) => callers.of(await request({ 'x-forwarded-for': forwarded }));
    const a = await key('2001:db8:1:2::1');
    expect(await key('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(a);
    expect(await key('2001:db8:1:3::1')).not.toBe(a);
    expect(await key('::ffff:203.0.113.7')).toBe(await key('203.0.113.7'));
    expect(a).not.toContain('2001');
  });

  it('uses the configured prefix lengths', async () => {
    const sodium = await loadSodium();
    const callers = new CallerKeys(new DailyClientKey(sodium, { now: () => new Date() }), 1, { v4: 24, v6: 64 });
    const a = callers.of(await request({ 'x-forwarded-for': '203.0.113.7' }));
    expect(callers.of(await request({ 'x-forwarded-for': '203.0.113.200' }))).toBe(a);
    expect(callers.of(await request({ 'x-forwarded-for': '203.0.114.7' }))).not.toBe(a);
  });
});
