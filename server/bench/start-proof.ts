/**
 * What a bench client adds to `consultation:start` so the relay lets her in. Today nothing: the
 * relay asks no proof. Once starts need a proof-of-work token (issue 14, ALTCHA), plug the
 * solver in here: fetch the relay's challenge, solve it (altcha-lib's `solveChallenge`, as the
 * widget does) and return the fields the start payload carries. Real women in the load and the
 * attacker's flood both go through this, so the attack pays the same price a woman's phone does.
 */
export type StartProof = (url: string, headers: Record<string, string>) => Promise<Record<string, unknown>>;

/** No proof asked: the relay on this branch has none. */
export const noProof: StartProof = async () => ({});

/** The solver the bench uses. */
export const startProof: StartProof = noProof;
