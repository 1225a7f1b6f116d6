import type { StoredMessage } from '@tsunagari/shared';
import type { NewMessage } from './types.js';

/** A stored message and whether this write stored it (false: the same seq was already there). */
export interface WrittenMessage {
  message: StoredMessage;
  created: boolean;
}

/**
 * Where messages are written. Every implementation commits the writes of one event-loop turn
 * together and answers a write only after its row is committed, so an ack always means stored.
 */
export interface MessageWriter {
  write(message: NewMessage): Promise<WrittenMessage>;
  /** Resolves once every write accepted so far is committed or refused (shutdown). */
  drain(): Promise<void>;
  /** Drains, then releases what the writer holds. */
  stop(): Promise<void>;
}
