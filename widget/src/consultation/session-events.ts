import type { EndReason, SenderRole, StartProof } from '@tsunagari/shared';
import type { IntakeAnswers, OrderNotice } from '@tsunagari/shared/client';
import type { ChatMessage, UnsafeReason } from './types.js';
import type { SavedSession } from '../safety/session-store.js';
import type { ShownError } from './view.js';

/** Where a session is; the view adds `idle` and `ended` around it. */
export type Stage = 'opening' | 'waiting' | 'chat' | 'unsafe';

export interface SessionOptions {
  /** Give up when no place in line (or no consultation for the code) came within this long. */
  connectTimeoutMs?: number;
  /** Her device's clock (ms since the epoch), for the time sealed inside each message; `Date.now` unless a test sets it. */
  now?: () => number;
}

/** How a session begins once its socket is up. */
export type Opening =
  /** A new consultation: a place in line, then her intake answers (empty when she answered nothing) as the first encrypted message. */
  | { kind: 'start'; campaign: string | undefined; urgent: boolean; intake: IntakeAnswers | null; proof?: () => Promise<StartProof | null> }
  /** A consultation she continues with a resume code (any device). */
  | { kind: 'code'; code: string }
  /** The same tab after a reload: what sessionStorage kept. */
  | { kind: 'saved'; saved: SavedSession };

/**
 * What a {@link ConsultationSession} tells its controller, which maps each one onto the view
 * (`viewAfter`) and does the storage. Nothing comes from a session after it was disposed.
 */
export type SessionEvent =
  /** The socket's state. */
  | { type: 'connection'; status: 'connected' | 'reconnecting' | 'closed' }
  /** In line: just started, or (from a snapshot) waiting again; `requeued` keeps the line that says why. */
  | { type: 'waiting'; position: number | null; requeued: boolean }
  /** A queue update while she waits. */
  | { type: 'position'; position: number; estimatedWaitSeconds: number | null; showAlternatives: boolean }
  /** Her counselor left or handed her back: she waits again, history and key kept. */
  | { type: 'requeued' }
  /** She has been quiet a long while: is she still waiting? (answer by `answerBy`); null once she answered. */
  | { type: 'still-waiting'; answerBy: string | null }
  /** A verified counselor holds the key; `transferred` when it is not the first one. */
  | { type: 'chat'; transferred: boolean }
  /** A counselor whose keys could not be trusted was assigned: nothing was sent, and nothing more will be. */
  | { type: 'unsafe'; reason: UnsafeReason }
  /** The message list changed, or what she is told about missing or repeated messages. */
  | { type: 'messages'; messages: ChatMessage[]; order: OrderNotice }
  | { type: 'counselor-typing'; typing: boolean }
  /** A failure worth telling her (null clears it). */
  | { type: 'error'; error: ShownError | null }
  /** What a reload of the tab needs changed: keep this (and only this) in sessionStorage. */
  | { type: 'save'; saved: SavedSession }
  /** The start or the code was refused, or the socket never came: back to the first screen. The session is disposed. */
  | { type: 'refused'; error: ShownError }
  /** The consultation is over (ended by someone, or gone while she was away). The session is disposed. */
  | { type: 'ended'; endedBy: SenderRole | null; reason: EndReason | null };
