import type { StartProof } from '@tsunagari/shared';
import { describe, expect, test, vi } from 'vitest';
import { CID, flush, ORG_KEY, setup, TOKEN } from './controller-fakes.js';

/** A proof the test hands out; each take() gives the next one. */
function proofs() {
  let n = 0;
  const proof = (i: number) => ({ challenge: { parameters: { nonce: `n${i}` }, signature: `s${i}` }, solution: { counter: i, derivedKey: 'ab' } }) as unknown as StartProof;
  return { prepare: vi.fn(), take: vi.fn(async () => proof(++n)) };
}

describe('the start carries its proof of work', () => {
  test('the safety notice starts the solving; the start sends the solved proof', async () => {
    const source = proofs();
    const s = setup(ORG_KEY, source);
    s.ctrl.prepareStart();
    expect(source.prepare).toHaveBeenCalledTimes(1);
    await s.ctrl.start();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.socket.sent('consultation:start')).toEqual([{ campaign: 'flyer-1', proof: expect.objectContaining({ challenge: expect.objectContaining({ signature: 's1' }) }) }]);
  });

  test('a refused proof is retried once, quietly, with a fresh one; she is then in line with no error', async () => {
    const source = proofs();
    const s = setup(ORG_KEY, source);
    const answers = [{ ok: false, error: 'PROOF_REFUSED' }, { ok: true, data: { consultationId: CID, clientToken: TOKEN, position: 2 } }];
    s.socket.replies['consultation:start'] = (() => answers.shift()) as never;
    await s.ctrl.start();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    const sent = s.socket.sent('consultation:start') as { proof: StartProof }[];
    expect(sent.map((p) => p.proof.challenge.signature)).toEqual(['s1', 's2']);
    expect([s.ctrl.phase, s.ctrl.error, s.ctrl.position]).toEqual(['waiting', null, 2]);
  });

  test('a start whose answer never came is sent again, the very same, once; she is then in line with no error', async () => {
    const source = proofs();
    const s = setup(ORG_KEY, source);
    const answers = [{ ok: false, error: 'TIMEOUT' }, { ok: true, data: { consultationId: CID, clientToken: TOKEN, position: 4 } }];
    s.socket.replies['consultation:start'] = (() => answers.shift()) as never;
    await s.ctrl.start();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    const sent = s.socket.sent('consultation:start') as { proof: StartProof }[];
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    expect(source.take).toHaveBeenCalledTimes(1);
    expect([s.ctrl.phase, s.ctrl.error, s.ctrl.position]).toEqual(['waiting', null, 4]);
  });

  test('refused twice: back to the first screen with PROOF_REFUSED, which she is told about', async () => {
    const source = proofs();
    const s = setup(ORG_KEY, source);
    s.socket.replies['consultation:start'] = () => ({ ok: false, error: 'PROOF_REFUSED' });
    await s.ctrl.start();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.socket.sent('consultation:start')).toHaveLength(2);
    expect([s.ctrl.phase, s.ctrl.error]).toEqual(['idle', 'PROOF_REFUSED']);
  });
});
