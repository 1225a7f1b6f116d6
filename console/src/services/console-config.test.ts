import { describe, expect, it } from 'vitest';
import { parseConsoleConfig } from './console-config.js';

const KEY = 'A'.repeat(43);
const PAGE = 'https://console.npo.example';
const good = { relayUrl: 'https://relay.npo.example', orgPublicKey: KEY, lockAfterMinutes: 15, kdfFloor: 'moderate' };
const refused = { ok: false, problem: 'invalid' };

describe('parseConsoleConfig', () => {
  it('takes a complete file as it is, the relay as a bare origin', () => {
    expect(parseConsoleConfig({ ...good, relayUrl: 'https://relay.npo.example/' }, PAGE)).toEqual({ ok: true, config: good });
  });

  it('the demo: the relay is the page’s own origin over http; a loopback relay is fine too', () => {
    const r = parseConsoleConfig({ ...good, relayUrl: 'http://192.168.1.5:3000' }, 'http://192.168.1.5:3000');
    expect(r.ok && r.config.relayUrl).toBe('http://192.168.1.5:3000');
    expect(parseConsoleConfig({ ...good, relayUrl: 'http://127.0.0.1:4321' }, PAGE).ok).toBe(true);
  });

  it('refuses a plain-http relay elsewhere, and a relay with a path, query or credentials', () => {
    for (const relayUrl of ['http://relay.npo.example', 'https://relay.npo.example/api', 'https://relay.npo.example/?x=1', 'https://u:p@relay.npo.example', 'ftp://relay.npo.example', 42]) {
      expect(parseConsoleConfig({ ...good, relayUrl }, PAGE)).toEqual(refused);
    }
  });

  it('takes the flyers\' landing URL over https, or over http on the page\'s own origin (the demo); not plain http elsewhere', () => {
    const landingUrl = 'https://www.npo.example/c/{campaign}.html';
    expect(parseConsoleConfig({ ...good, landingUrl }, PAGE)).toEqual({ ok: true, config: { ...good, landingUrl } });
    expect(parseConsoleConfig({ ...good, relayUrl: 'http://192.168.1.5:3000', landingUrl: 'http://192.168.1.5:3000/c/{campaign}' }, 'http://192.168.1.5:3000').ok).toBe(true);
    expect(parseConsoleConfig({ ...good, landingUrl: 'http://www.npo.example/c/{campaign}' }, PAGE)).toEqual(refused);
    expect(parseConsoleConfig({ ...good, landingUrl: 'https://www.npo.example/c/' }, PAGE)).toEqual(refused);
  });

  it('takes the records key (optional) as a 43-character key; refuses anything else', () => {
    const recordsPublicKey = 'B'.repeat(43);
    expect(parseConsoleConfig({ ...good, recordsPublicKey }, PAGE)).toEqual({ ok: true, config: { ...good, recordsPublicKey } });
    for (const bad of ['B'.repeat(42), `${'B'.repeat(42)}=`, '', 42, null]) {
      expect(parseConsoleConfig({ ...good, recordsPublicKey: bad }, PAGE)).toEqual(refused);
    }
  });

  it('refuses a key that is not 43 base64url characters', () => {
    for (const orgPublicKey of ['A'.repeat(42), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}+`, null]) {
      expect(parseConsoleConfig({ ...good, orgPublicKey }, PAGE)).toEqual(refused);
    }
  });

  it('refuses a lock that never comes or cannot be read, and an unknown floor', () => {
    for (const lockAfterMinutes of [0, -1, 24 * 60 + 1, Number.NaN, '15', undefined]) {
      expect(parseConsoleConfig({ ...good, lockAfterMinutes }, PAGE)).toEqual(refused);
    }
    expect(parseConsoleConfig({ ...good, kdfFloor: 'none' }, PAGE)).toEqual(refused);
  });

  it('refuses unknown keys and non-objects, so a typo in a deployed file shows at once', () => {
    expect(parseConsoleConfig({ ...good, orgPublicKeyy: KEY }, PAGE)).toEqual(refused);
    expect(parseConsoleConfig([good], PAGE)).toEqual(refused);
    expect(parseConsoleConfig(null, PAGE)).toEqual(refused);
  });
});
