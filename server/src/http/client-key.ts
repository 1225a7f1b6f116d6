import type { Sodium } from '@tsunagari/shared/crypto';
import type { Clock } from '../clock.js';

/**
 * Rate limits need to tell callers apart without keeping their addresses. The address is hashed
 * with a salt that lives only in memory and changes every day (Asia/Tokyo), so yesterday's keys
 * cannot be linked to today's and nothing that identifies a person is ever stored or logged.
 */
export class DailyClientKey {
  private day = '';
  private salt: Uint8Array = new Uint8Array();

  constructor(
    private readonly sodium: Sodium,
    private readonly clock: Clock,
  ) {}

  of(address: string | undefined): string {
    const day = this.clock.now().toLocaleDateString('en-CA', { timeZone: 'Asia/Tokyo' });
    if (day !== this.day) {
      this.day = day;
      this.salt = this.sodium.randombytes_buf(32);
    }
    return this.sodium.crypto_generichash(16, address ?? 'unknown', this.salt, 'hex');
  }
}
