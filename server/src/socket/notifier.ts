import type { ConsultationService } from '../domain/consultations.js';
import { rooms, type TsunagariServer } from './types.js';

/**
 * Pushes what changed to the people it concerns. Kept apart from the handlers so that every
 * path that changes the queue tells the same people the same way.
 */
export class Notifier {
  constructor(
    private readonly io: TsunagariServer,
    private readonly consultations: ConsultationService,
  ) {}

  /** Sends the queue to staff and each waiting client her place in it. */
  queueChanged(): void {
    const entries = this.consultations.queue();
    this.io.to(rooms.staff).emit('queue:changed', { entries });
    for (const e of entries) {
      this.io.to(rooms.consultation(e.consultationId)).emit('queue:position', {
        consultationId: e.consultationId,
        position: e.position,
        waiting: entries.length,
      });
    }
  }
}
