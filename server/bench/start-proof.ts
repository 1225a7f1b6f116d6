import { API, type StartProof as StartProofPayload } from '@tsunagari/shared';
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

/**
 * What a bench client adds to `consultation:start` so the relay lets her in: the relay's
 * proof-of-work challenge (ALTCHA), fetched from its route and solved with altcha-lib's
 * `solveChallenge`, as the widget does and as a script would. When the relay asks none (the
 * throughput bench runs it with `powCounter: 0`), nothing. Real women in the load and the
 * attacker's floods both go through this, so under `--attack` (proof of work on, as in
 * production) every start the attack makes costs it a search, as it would in production.
 */
export type StartProof = (url: string, headers: Record<string, string>) => Promise<{ proof?: StartProofPayload }>;

export const startProof: StartProof = async (url, headers) => {
  const res = await fetch(url + API.startChallenge, { headers });
  const body = (await res.json()) as { ok?: boolean; data?: Challenge | null };
  const challenge = body.ok ? body.data : null;
  if (!challenge?.signature) return {};
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 120_000 });
  if (!solution) return {};
  const { counter, derivedKey } = solution;
  return { proof: { challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution: { counter, derivedKey } } as StartProofPayload };
};
