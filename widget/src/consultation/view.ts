import type { ProofSource } from './proof-source.js';
import type { EndReason, SenderRole } from '@tsunagari/shared';
import type { OrderNotice } from '@tsunagari/shared/client';
import type { ChatMessage, ConnectionStatus, LoadSession, Phase, RequestError, UnsafeReason } from './types.js';
import type { SessionEvent } from './session-events.js';
import type { KeyValueStore } from '../safety/session-store.js';

/** What the controller reads from the element each time she starts. */
export interface ConsultationConfig {
  server: string;
  orgKey: string;
  campaign: string | undefined;
}

export interface ConsultationControllerOptions {
  config: () => ConsultationConfig;
  /** Loads the socket and crypto; the real one uses dynamic `import()`. */
  load: LoadSession;
  /** Give up on a first connection after this long (she gets a kind message and a retry). */
  connectTimeoutMs?: number;
  /** How long quick exit waits for the server's ack before leaving anyway. */
  quickExitWaitMs?: number;
  /** sessionStorage in the browser; tests pass a fake (or null for none). */
  storage?: () => KeyValueStore | null;
  /** Proof of work for a start (the real one loads lazily); none: starts carry no proof. */
  proofs?: ProofSource;
  /** How long after the tab last had it a reload may carry on (default 5 minutes). */
  reloadWindowMs?: () => number;
  /** The clock (epoch ms); tests inject one. */
  now?: () => number;
}

/** Errors she can be shown: server codes, timeouts, and a widget that was set up wrongly. */
export type ShownError = RequestError | 'NOT_CONFIGURED' | 'RESUME_INVALID' | 'RESUME_NOT_FOUND';

/** What the UI reads from the controller (it re-renders whenever any of it changes). */
export interface ConsultationView {
  /** Where she is in the consultation. */
  phase: Phase;
  /** The socket's state; the UI shows it whenever it is not `connected`. */
  connection: ConnectionStatus;
  /** Her 1-based place in line while waiting. */
  position: number | null;
  /** Estimated wait in seconds, when the server knows one. */
  estimatedWaitSeconds: number | null;
  /** The server suggests phone and mail too (long wait, or nobody on duty). */
  showAlternatives: boolean;
  /** Messages in order; plaintext in memory only. */
  messages: ChatMessage[];
  /** Some of the counselor's messages did not arrive, or one arrived twice (shown once): a calm notice. */
  order: OrderNotice;
  /** Why the counselor's keys could not be trusted, on the 'unsafe' screen. */
  unsafeReason: UnsafeReason | null;
  /** The last failure worth telling her about, or null. */
  error: ShownError | null;
  /** Who ended it and why, once ended (null when unknown, e.g. learned on resume). */
  endedBy: SenderRole | null;
  endReason: EndReason | null;
  /** The server refused to queue her: outside opening hours. */
  outsideHours: boolean;
  /** Another counselor took over (a second assignment, or the next one after she waited again). */
  transferred: boolean;
  /** Her counselor left or handed her back: she is waiting again, history and key kept. */
  requeued: boolean;
  /** She is asked whether she still waits, and must answer by this time (ISO); null when not asked. */
  stillWaitingBy: string | null;
  /** The counselor is writing (shown as a quiet line in the chat). */
  counselorTyping: boolean;
}

/**
 * Nothing to say about the order of messages. Written here rather than imported: the entry script
 * would otherwise load the order check's module, which only the chat needs.
 */
const NO_ORDER_NOTICE: OrderNotice = { missing: false, repeated: false };

/** Nothing started, nothing remembered: the state after a wipe. */
export function idleView(): ConsultationView {
  return {
    phase: 'idle',
    connection: 'idle',
    position: null,
    estimatedWaitSeconds: null,
    showAlternatives: false,
    messages: [],
    order: NO_ORDER_NOTICE,
    unsafeReason: null,
    error: null,
    endedBy: null,
    endReason: null,
    outsideHours: false,
    transferred: false,
    requeued: false,
    stillWaitingBy: null,
    counselorTyping: false,
  };
}

/** Connecting for a new consultation: whatever was said about the last one goes. */
export function startingView(): Partial<ConsultationView> {
  return { phase: 'connecting', connection: 'connecting', error: null, endedBy: null, endReason: null, outsideHours: false, transferred: false, requeued: false, stillWaitingBy: null };
}

/** Over: plaintext and place in line gone, who ended it and why kept for the ended screen. */
export function endedView(endedBy: SenderRole | null, endReason: EndReason | null): Partial<ConsultationView> {
  return {
    phase: 'ended',
    connection: 'idle',
    position: null,
    estimatedWaitSeconds: null,
    showAlternatives: false,
    messages: [],
    order: NO_ORDER_NOTICE,
    endedBy,
    endReason,
    requeued: false,
    stillWaitingBy: null,
    counselorTyping: false,
  };
}

/** What one session event changes in the view. */
export function viewAfter(view: Readonly<ConsultationView>, e: Exclude<SessionEvent, { type: 'save' }>): Partial<ConsultationView> {
  switch (e.type) {
    case 'connection':
      return { connection: e.status === 'closed' && view.phase === 'ended' ? 'idle' : e.status };
    case 'waiting':
      return { phase: 'waiting', position: e.position, requeued: e.requeued };
    case 'position':
      return { position: e.position, estimatedWaitSeconds: e.estimatedWaitSeconds, showAlternatives: e.showAlternatives };
    case 'requeued':
      return { phase: 'waiting', requeued: true, transferred: false, position: null, estimatedWaitSeconds: null, showAlternatives: false, stillWaitingBy: null };
    case 'still-waiting':
      return { stillWaitingBy: e.answerBy };
    case 'chat':
      return { phase: 'chat', position: null, error: null, transferred: e.transferred, requeued: false, stillWaitingBy: null };
    case 'unsafe':
      return { phase: 'unsafe', unsafeReason: e.reason };
    case 'messages':
      return { messages: e.messages, order: e.order };
    case 'counselor-typing':
      return { counselorTyping: e.typing };
    case 'error':
      return { error: e.error };
    case 'refused':
      return { phase: 'idle', connection: 'idle', error: e.error, outsideHours: e.error === 'OUTSIDE_HOURS' };
    case 'ended':
      return endedView(e.endedBy, e.reason);
  }
}
