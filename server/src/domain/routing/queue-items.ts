import type { WaitingConsultation } from '../types.js';
import type { QueueItem } from './types.js';

/** A waiting consultation's row as the queue store keeps it (a requeued one by when it came back). */
export function itemFor(w: WaitingConsultation): QueueItem {
  return { consultationId: w.id, urgent: w.urgent, requeued: w.requeuedAt !== null, queuedAt: w.requeuedAt ?? w.queuedAt, campaign: w.campaign };
}
