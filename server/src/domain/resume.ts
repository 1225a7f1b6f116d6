import type { Sodium } from '@tsunagari/shared/crypto';
import type { Clock } from '../clock.js';
import { errors } from '../errors.js';
import type { ResumeCodeRepository } from '../repositories/resume.js';
import type { ConsultationRepository } from '../repositories/types.js';
import type { Consultation } from './types.js';
import { hashToken, newToken } from './tokens.js';

/**
 * Resume codes: she continues a consultation later, on any device. The server sees only the
 * lookup value (stored hashed) and the session key wrapped under a key it never sees.
 */
export class ResumeService {
  constructor(
    private readonly codes: ResumeCodeRepository,
    private readonly consultations: ConsultationRepository,
    private readonly sodium: Sodium,
    private readonly clock: Clock,
    private readonly ttlDays: number,
  ) {}

  async create(c: Consultation, lookup: string, wrappedKey: string): Promise<{ expiresAt: string }> {
    if (c.status === 'ended') throw errors.invalidState('consultation ended');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.ttlDays * 86_400_000).toISOString();
    await this.codes.upsert({ consultationId: c.id, lookupHash: hashToken(this.sodium, lookup), wrappedKey, createdAt: now.toISOString(), expiresAt });
    return { expiresAt };
  }

  /**
   * Opens a consultation by code. A new reconnect token is issued for the new device and the
   * old one stops working, so a device she left behind cannot reattach (the socket layer drops
   * its sockets too). Unknown, expired and ended look the same.
   */
  async open(lookup: string): Promise<{ consultation: Consultation; clientToken: string; wrappedKey: string }> {
    const record = await this.codes.live(hashToken(this.sodium, lookup), this.clock.now().toISOString());
    const consultation = record ? await this.consultations.byId(record.consultationId) : null;
    // The end deletes the code; an ended consultation is refused here too, whatever is stored.
    if (!record || !consultation || consultation.status === 'ended') throw errors.unknownConsultation();
    const clientToken = newToken(this.sodium);
    await this.consultations.setClientTokenHash(consultation.id, hashToken(this.sodium, clientToken));
    // Ended between the read above and the new token (the end revokes her token and her code): that
    // token must not stay on the row. An end after this read finds the new token and revokes it.
    const now = await this.consultations.byId(consultation.id);
    if (!now || now.status === 'ended') {
      await this.consultations.setClientTokenHash(consultation.id, '');
      throw errors.unknownConsultation();
    }
    return { consultation: { ...consultation, clientTokenHash: hashToken(this.sodium, clientToken) }, clientToken, wrappedKey: record.wrappedKey };
  }
}
