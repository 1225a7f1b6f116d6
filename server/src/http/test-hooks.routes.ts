import { idSchema, type StoredMessage } from '@tsunagari/shared';
import express from 'express';
import { z } from 'zod';
import type { MessageRepository } from '../repositories/types.js';

/**
 * Test-only hooks: they make the relay do what a compromised relay could, so an end-to-end test
 * can show that the browsers notice. Mounted only when the server runs with
 * `TSUNAGARI_TEST_HOOKS=1`, which the configuration refuses without `DEMO=1`.
 */
export const TEST_HOOK_PATHS = {
  /** POST {consultationId, senderRole}: that sender's latest stored message goes to the room again. */
  replay: '/api/test-hooks/replay',
} as const;

/**
 * A replayed copy gets an id no stored row has (the stored id plus this), as a relay replaying a
 * message would have to give it: the same id again is the same row, which both apps merge silently.
 */
export const REPLAY_ID_OFFSET = 1_000_000_000;

const replaySchema = z.strictObject({ consultationId: idSchema, senderRole: z.enum(['client', 'counselor']) });

export interface TestHookDeps {
  messages: Pick<MessageRepository, 'after'>;
  /** Emits `message:new` to the consultation's room (every socket in it). */
  relay(message: StoredMessage): void;
}

/** The routes of {@link TEST_HOOK_PATHS}; answers `{ok, data: {id}}` with the replayed copy's id. */
export function testHookRoutes(deps: TestHookDeps): express.Router {
  const router = express.Router();
  router.post(TEST_HOOK_PATHS.replay, async (req, res) => {
    const parsed = replaySchema.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ ok: false, error: 'INVALID_PAYLOAD' });
    const { consultationId, senderRole } = parsed.data;
    const latest = (await deps.messages.after(consultationId, 0, Number.MAX_SAFE_INTEGER))
      .filter((m) => m.senderRole === senderRole)
      .at(-1);
    if (!latest) return void res.status(404).json({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    const copy = { ...latest, id: latest.id + REPLAY_ID_OFFSET };
    deps.relay(copy);
    res.json({ ok: true, data: { id: copy.id } });
  });
  return router;
}
