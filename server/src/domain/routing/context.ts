import type { Clock } from '../../clock.js';
import type { Repositories } from '../../repositories/types.js';
import type { Consultation } from '../types.js';
import type { RoutingEvents } from './events.js';
import type { GracePeriods } from './grace.js';
import type { RoutingOptions } from './options.js';
import type { Router } from './router.js';

/** The repositories routing writes and reads (the consultation row has this one writer). */
export type RoutingRepos = Pick<Repositories, 'consultations' | 'counselors' | 'handover' | 'keyGrants' | 'resumeCodes'>;

/**
 * What the routing service shares with the parts it delegates to (silence, absence, counselors,
 * several nodes): the same repositories, router, timers, options and events, so each part reads
 * and changes one state. Built once by {@link RoutingService}.
 */
export interface RoutingContext {
  readonly repos: RoutingRepos;
  readonly router: Router;
  readonly grace: GracePeriods;
  readonly clock: Clock;
  /** The live options object (the admin's timings change it in place). */
  readonly options: RoutingOptions;
  /** The socket layer's events, once attached at boot (null before). */
  events(): RoutingEvents | null;
  /** The service stopped (shutdown): timers' work does nothing. */
  stopped(): boolean;
}

/** The events, or a thrown error when work runs before boot attached them. */
export function eventsOf(ctx: RoutingContext): RoutingEvents {
  const events = ctx.events();
  if (!events) throw new Error('routing events not attached');
  return events;
}

/**
 * The lifecycle owner's transition for a waiting woman who is gone ('timeout': her grace ran out)
 * or silent ('silent'): ended as abandoned with that cause, and the queue told.
 */
export type AbandonWaiting = (c: Consultation, cause: 'timeout' | 'silent') => Promise<void>;
