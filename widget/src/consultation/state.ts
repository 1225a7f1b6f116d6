import type { EndReason, SenderRole } from '@tsunagari/shared';
import type { ChatMessage, ConnectionStatus, IntakeAnswers, LoadSession, Phase, RequestError } from '../consultation-types.js';
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
}

/** Errors she can be shown: server codes, timeouts, and a widget that was set up wrongly. */
export type ShownError = RequestError | 'NOT_CONFIGURED' | 'RESUME_INVALID' | 'RESUME_NOT_FOUND';

/** Where the first connection is headed once the socket is up. */
export type PendingStart = { kind: 'start'; urgent: boolean; intake: IntakeAnswers | null } | { kind: 'code'; code: string } | null;

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
  /** The counselor is writing (shown as a quiet line in the chat). */
  counselorTyping: boolean;
}

/** Nothing started, nothing remembered: the state after a wipe. */
export function idleView(): ConsultationView {
  return {
    phase: 'idle',
    connection: 'idle',
    position: null,
    estimatedWaitSeconds: null,
    showAlternatives: false,
    messages: [],
    error: null,
    endedBy: null,
    endReason: null,
    outsideHours: false,
    transferred: false,
    requeued: false,
    counselorTyping: false,
  };
}
