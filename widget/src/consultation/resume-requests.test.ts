import { describe, expect, it } from 'vitest';
import type { RelaySocket, SessionDeps } from './types.js';
import { createCode, openByCode, resumeOpenError } from './resume-requests.js';

const CODE = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-23';

function deps(reply: (event: string, payload: unknown) => unknown, opts: { malformed?: boolean; unwrapOk?: boolean } = {}) {
  const imported: string[] = [];
  const socket = { request: async (event: string, payload: unknown) => reply(event, payload) } as unknown as RelaySocket;
  const crypto = {
    newResumeCode: () => ({ code: CODE, lookup: 'L', wrappedKey: 'W' }),
    resumeKeys: (code: string) =>
      opts.malformed ? null : { lookup: `L:${code}`, unwrap: (w: string) => (imported.push(w), opts.unwrapOk !== false) },
  };
  return { d: { socket, crypto } as unknown as SessionDeps, imported };
}

describe('resume code requests', () => {
  it('tells her "not found" when the consultation is unknown or over, other errors as they are', () => {
    expect(resumeOpenError('UNKNOWN_CONSULTATION')).toBe('RESUME_NOT_FOUND');
    expect(resumeOpenError('INVALID_STATE')).toBe('RESUME_NOT_FOUND');
    expect(resumeOpenError('RATE_LIMITED')).toBe('RATE_LIMITED');
  });

  it('registers a new code and returns it with its expiry; null when the server refuses', async () => {
    const sent: unknown[] = [];
    const ok = deps((e, p) => (sent.push([e, p]), { ok: true, data: { expiresAt: 'E' } }));
    expect(await createCode(ok.d, 'c1')).toEqual({ code: CODE, expiresAt: 'E' });
    expect(sent).toEqual([['resume:create', { consultationId: 'c1', lookup: 'L', wrappedKey: 'W' }]]);
    expect(await createCode(deps(() => ({ ok: false, error: 'INTERNAL' })).d, 'c1')).toBeNull();
  });

  it('opens by code: unwraps the key, or says which way it failed', async () => {
    const snapshot = { status: 'chat', messages: [] };
    const good = deps(() => ({ ok: true, data: { consultationId: 'c1', clientToken: 'T', wrappedKey: 'W', snapshot } }));
    expect(await openByCode(good.d, CODE)).toEqual({ ok: true, consultationId: 'c1', clientToken: 'T', snapshot });
    expect(good.imported).toEqual(['W']);
    expect(await openByCode(deps(() => ({}), { malformed: true }).d, 'x')).toEqual({ ok: false, error: 'RESUME_INVALID' });
    expect(await openByCode(deps(() => ({ ok: false, error: 'UNKNOWN_CONSULTATION' })).d, CODE)).toEqual({ ok: false, error: 'RESUME_NOT_FOUND' });
    const wrong = deps(() => ({ ok: true, data: { consultationId: 'c1', clientToken: 'T', wrappedKey: 'W', snapshot } }), { unwrapOk: false });
    expect(await openByCode(wrong.d, CODE)).toEqual({ ok: false, error: 'RESUME_NOT_FOUND' });
  });
});
