import type { IncomingMessage } from 'node:http';
import { tokyoParts } from '@tsunagari/shared';
import type { Sodium } from '@tsunagari/shared/crypto';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';
import type { Clock } from '../clock.js';

/**
 * The address a request came from, seen through `trustedHops` reverse proxies of our own (0: the
 * TCP peer itself). Behind a TLS proxy every request's peer is the proxy; without this, limits
 * keyed on the address would be one limit for everybody (a stranger's failed logins would lock
 * out all staff, and a few scripted starts would turn every woman away). Only as many
 * X-Forwarded-For entries as there are trusted hops are believed, so a client cannot pick her own.
 */
export function callerAddress(req: IncomingMessage, trustedHops: number): string | undefined {
  if (!req.socket?.remoteAddress) return undefined;
  return proxyAddr(req, (_address, hop) => hop < trustedHops);
}

/**
 * Rate limits need to tell callers apart without keeping their addresses. The address is hashed
 * with a salt that lives only in memory and changes every day (Asia/Tokyo), so yesterday's keys
 * cannot be linked to today's and nothing that identifies a person is ever stored or logged.
 */
export class DailyClientKey {
  private day = '';
  private salt: Uint8Array = new Uint8Array();

  /** @param shared the day's salt from the nodes' Redis (issue 17), so every node makes the same keys; absent, this process makes its own. */
  constructor(
    private readonly sodium: Sodium,
    private readonly clock: Clock,
    private readonly shared?: DailySalts,
  ) {}

  of(address: string | undefined): string {
    // Plain UTC+9 arithmetic: toLocaleDateString with a time zone cost 125 µs on every connection.
    const day = tokyoParts(this.clock.now()).ymd;
    if (this.shared) {
      this.salt = this.shared.saltFor(day);
    } else if (day !== this.day) {
      this.day = day;
      this.salt = this.sodium.randombytes_buf(32);
    }
    // Buffer's encoding gives one flat string; libsodium's 'hex' output is built a character at a
    // time (630 bytes of string pieces per key, kept for as long as her socket keeps the key).
    return Buffer.from(this.sodium.crypto_generichash(16, address ?? 'unknown', this.salt)).toString('base64url');
  }
}

/**
 * The daily salt when several nodes must make the same caller keys (`redis/redis-daily-salts.ts`):
 * read without waiting, so it is fetched ahead of the day it salts.
 */
export interface DailySalts {
  /** The salt of the Tokyo day `day` (YYYY-MM-DD). */
  saltFor(day: string): Uint8Array;
}

/** How many leading bits of an address make one caller network (IPv4 /32 and IPv6 /64 by default). */
export interface CallerPrefixes {
  v4: number;
  v6: number;
}

export const DEFAULT_CALLER_PREFIXES: CallerPrefixes = { v4: 32, v6: 64 };

/**
 * The network an address belongs to, as text: its first `v4` (IPv4) or `v6` (IPv6) bits with the
 * rest zeroed, and the prefix length. One IPv6 subscriber usually holds a whole /64 and can pick
 * any address in it, so keying limits on the full address would give one script 2^64 callers.
 * An IPv4-mapped IPv6 address (::ffff:203.0.113.7, what a dual-stack socket reports) is the IPv4
 * caller it carries. Anything unparseable stays itself.
 */
export function callerNetwork(address: string, prefixes: CallerPrefixes = DEFAULT_CALLER_PREFIXES): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address); // unwraps IPv4-mapped IPv6
  const v4 = parsed.kind() === 'ipv4';
  const bits = v4 ? prefixes.v4 : prefixes.v6;
  const bytes = parsed.toByteArray().map((byte, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  return `${ipaddr.fromByteArray(bytes).toString()}/${bits}`;
}

/**
 * A caller's daily key from her request, through the reverse proxies the deployment trusts: the
 * key of her NETWORK (see {@link callerNetwork}), so every limit keyed on it holds for a whole
 * IPv6 /64 at once. Many women can share one network (a carrier's NAT, a shelter's Wi-Fi), which
 * is why the limits keyed on it are set well above what real women from one network need.
 */
export class CallerKeys {
  constructor(
    private readonly daily: DailyClientKey,
    private readonly trustedHops: number,
    private readonly prefixes: CallerPrefixes = DEFAULT_CALLER_PREFIXES,
  ) {}

  of(req: IncomingMessage): string {
    const address = callerAddress(req, this.trustedHops);
    return this.daily.of(address === undefined ? undefined : callerNetwork(address, this.prefixes));
  }
}
