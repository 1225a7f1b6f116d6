import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../sodium.js';
import { CallerKeys, DailyClientKey, callerAddress } from './client-key.js';

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
