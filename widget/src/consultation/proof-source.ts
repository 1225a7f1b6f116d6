import type { StartProof } from '@tsunagari/shared';

/** Where a start's proof of work comes from (see start-proof.ts); tests leave it out. */
export interface ProofSource {
  /** The safety notice shows: start solving in the background. */
  prepare(): void;
  /** The proof for one start, used once (a second call solves a fresh challenge). */
  take(): Promise<StartProof | null>;
}

/**
 * The real source: the solver and altcha-lib load only when the safety notice first shows, in a
 * chunk of their own, so the entry script stays within its budget.
 */
export function lazyProofSource(server: () => string): ProofSource {
  let solver: Promise<import('./start-proof.js').StartProofSolver> | null = null;
  const load = () => (solver ??= import('./start-proof.js').then((m) => new m.StartProofSolver(server())));
  return {
    prepare: () => void load().then((s) => s.begin(), () => (solver = null)),
    take: () => load().then((s) => s.take(), () => ((solver = null), null)),
  };
}
