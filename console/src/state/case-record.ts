import { type AgeBand, fiscalYearOf, type Outcome, type Topic, TOPICS } from '@tsunagari/shared';
import type { IntakeAnswers } from '@tsunagari/shared/client';

/** Most topics one record may carry (the server refuses more). */
export const MAX_RECORD_TOPICS = 5;

/** Her own intake answers, as far as the counselor's browser decrypted them (the shared client's type). */
export type { IntakeAnswers };

/** The record form's fields while the counselor fills them in. */
export interface RecordDraft {
  topics: readonly Topic[];
  outcome: Outcome | null;
  ageBand: AgeBand | null;
}

/** What the console knows about a chat's record: sent and stored at `recordedAt`. */
export interface RecordedState {
  topics: readonly Topic[];
  outcome: Outcome;
  ageBand: AgeBand | null;
  recordedAt: string;
}

/**
 * The form's starting point: what was recorded before, else her intake answers (she chose those
 * topics herself), capped at five in the program's list order. The outcome is always the
 * counselor's own choice, so it starts empty unless recorded before.
 */
export function initialDraft(intake: IntakeAnswers | null, recorded: RecordedState | null): RecordDraft {
  if (recorded) return { topics: recorded.topics, outcome: recorded.outcome, ageBand: recorded.ageBand };
  const chosen = new Set(intake?.topics ?? []);
  return { topics: TOPICS.filter((t) => chosen.has(t)).slice(0, MAX_RECORD_TOPICS), outcome: null, ageBand: intake?.ageBand ?? null };
}

/** Ticks or unticks a topic, keeping the list's order; a sixth tick is ignored. */
export function toggleTopic(topics: readonly Topic[], topic: Topic, on: boolean): Topic[] {
  const set = new Set(topics);
  if (on && set.size >= MAX_RECORD_TOPICS && !set.has(topic)) return [...topics];
  if (on) set.add(topic);
  else set.delete(topic);
  return TOPICS.filter((t) => set.has(t));
}

/** Why the draft cannot be sent yet, or null when it can. */
export type DraftProblem = 'needTopic' | 'tooManyTopics' | 'needOutcome';

export function draftProblem(draft: RecordDraft): DraftProblem | null {
  if (draft.topics.length === 0) return 'needTopic';
  if (draft.topics.length > MAX_RECORD_TOPICS) return 'tooManyTopics';
  if (draft.outcome === null) return 'needOutcome';
  return null;
}

/** The `consultation:record` payload for a complete draft (age band left out when unknown). */
export function recordPayload(
  consultationId: string,
  draft: RecordDraft,
): { consultationId: string; topics: Topic[]; outcome: Outcome; ageBand?: AgeBand } | null {
  if (draftProblem(draft) !== null || draft.outcome === null) return null;
  return { consultationId, topics: [...draft.topics], outcome: draft.outcome, ...(draft.ageBand ? { ageBand: draft.ageBand } : {}) };
}

/** Fiscal years to offer: the current one (Tokyo time) first and `back` before it, none before 2020. */
export function fiscalYearChoices(now: Date, back = 4): number[] {
  const current = fiscalYearOf(now);
  return Array.from({ length: back + 1 }, (_, i) => current - i).filter((y) => y >= 2020);
}
