import type { Actor } from '../domain/consultations.js';
import type { TsunagariSocket } from './types.js';

/** The domain's view of who sent an event on this socket. */
export function actorOf(socket: TsunagariSocket): Actor {
  const d = socket.data;
  return d.role === 'client' ? { role: 'client', consultationId: d.consultationId } : { role: 'counselor', staffId: d.staffId };
}
