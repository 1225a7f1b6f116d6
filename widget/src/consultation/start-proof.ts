import type { StartProof } from '@tsunagari/shared';
import { API } from '@tsunagari/shared/protocol/http';
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from './proof-hash.js';

/**
 * Solves the relay's proof-of-work challenge (ALTCHA) in the background, in the lazily loaded
 * part: it starts when the safety notice shows, so by the time she has read it and answered the
 * intake the answer is ready and she never waits for it. Each try hashes in the page's own
 * JavaScript (proof-hash.ts says why not WebCrypto), and altcha-lib's search yields to the page
 * every 200 ms: the widget stays responsive without a Web Worker (which an NPO page on another
 * origin could not start from the relay's script anyway). Nothing is stored; the proof lives in
 * memory until it is used once.
 */
export class StartProofSolver {
  private pending: Promise<StartProof | null> | null = null;

  constructor(private readonly server: string) {}

  /** Starts solving a fresh challenge, unless one is under way or solved and unused. */
  begin(): void {
    this.pending ??= solveOne(this.server);
  }

  /** The solved proof (waiting for it if the search is still going), handed out once; null when the relay asks none or could not be reached. */
  take(): Promise<StartProof | null> {
    this.begin();
    const proof = this.pending as Promise<StartProof | null>;
    this.pending = null;
    return proof;
  }
}

async function solveOne(server: string): Promise<StartProof | null> {
  try {
    const res = await fetch(`${server}${API.startChallenge}`, { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
    const body = (await res.json()) as { ok?: boolean; data?: Challenge | null };
    const challenge = body.ok ? body.data : null;
    if (!challenge?.signature) return null;
    const solution = await solveChallenge({ challenge, deriveKey, timeout: 120_000 });
    if (!solution) return null;
    const { counter, derivedKey } = solution;
    return { challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution: { counter, derivedKey } } as StartProof;
  } catch {
    // The start goes ahead without one; the relay answers PROOF_REFUSED and she is told kindly.
    return null;
  }
}
