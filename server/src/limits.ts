import { DEFAULT_EVENT_BUDGET, type EventBudgetLimits } from './socket/event-budget.js';

/**
 * What one socket, one caller or one consultation may make the server do, store and send
 * (issue 14): the README's "Limits" table lists each with its setting. Read from the environment
 * in `config.ts`; tests pass their own.
 */
export interface Limits {
  /** Each socket's event budget (token bucket) and when a socket that keeps going is cut off. */
  events: EventBudgetLimits;
  /** Client sockets open at once from one caller; more are refused at the handshake (RATE_LIMITED). */
  socketsPerCaller: number;
  /** Bytes waiting to go out on one socket (it stopped reading) before it is disconnected. */
  outboundBufferBytes: number;
  /** Messages she may send while waiting for a first counselor, besides her intake message. */
  waitingMessages: number;
  /** Ciphertext characters she may store in one consultation. */
  consultationBytes: number;
  /** Messages she may store in one consultation. */
  consultationMessages: number;
}

export const DEFAULT_LIMITS: Limits = {
  events: DEFAULT_EVENT_BUDGET,
  socketsPerCaller: 20,
  outboundBufferBytes: 1024 * 1024,
  waitingMessages: 5,
  consultationBytes: 1024 * 1024,
  // A long conversation is a few hundred messages from her; the byte budget usually binds first.
  consultationMessages: 2000,
};

/** The defaults with what a caller overrides (the event budget field by field). */
export function withDefaults(limits: LimitOverrides | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...limits, events: { ...DEFAULT_LIMITS.events, ...limits?.events } };
}

/** Limits as configuration or a test gives them: any subset. */
export type LimitOverrides = Partial<Omit<Limits, 'events'>> & { events?: Partial<EventBudgetLimits> };
