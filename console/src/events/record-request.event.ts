import type { AgeBand, Outcome, Topic } from '@tsunagari/shared';

/** What the record form hands up: the `consultation:record` payload and a callback with the result. */
export interface RecordRequestDetail {
  consultationId: string;
  topics: Topic[];
  outcome: Outcome;
  ageBand?: AgeBand;
  /** Called once: `null` when the server stored the record, else a kind sentence to show. */
  done: (error: string | null) => void;
}

/** She pressed 「記録する」 on a chat's case record form. */
export class RecordRequestEvent extends CustomEvent<RecordRequestDetail> {
  static readonly eventName = 'tsg-record-request' as const;

  constructor(detail: RecordRequestDetail) {
    // Bubbles and crosses shadow roots so the workspace can listen once, high up.
    super(RecordRequestEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'tsg-record-request': RecordRequestEvent;
  }
}
