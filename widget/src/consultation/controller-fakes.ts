import type { ProofSource } from './proof-source.js';
import type { ClientToServerEvents, ConsultationSnapshot, CounselorIdentity, ServerToClientEvents, StoredMessage } from '@tsunagari/shared';
import type { SavedSession } from '../safety/session-store.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { expect, vi } from 'vitest';
import { ConsultationController } from './consultation.controller.js';
import type { RelaySocket, RequestError, SessionCrypto, SocketStatusEvent } from './types.js';
import { fakeStore } from '../safety/fake-store.js';

/**
 * Fakes for the consultation's unit tests: a relay socket that answers from a table and lets a
 * test push events and status, a session store, crypto whose "ciphertext" is the text itself,
 * and a controller set up with them (started, waiting, chatting).
 */

export const CID = 'consultation-id-0001';
export const TOKEN = 't'.repeat(43);
export const ORG_KEY = 'K'.repeat(43);
/** When the first counselor was assigned (an assignment is who and since when). */
export const ASSIGNED_AT = '2025-04-01T01:00:00.000Z';

export type Reply = { ok: true; data: unknown } | { ok: false; error: RequestError };

/** A fake relay: answers requests from a table, lets the test push events and status. */
export class FakeSocket implements RelaySocket {
  requests: Array<{ event: keyof ClientToServerEvents; payload: unknown }> = [];
  replies: Partial<Record<keyof ClientToServerEvents, (payload: unknown) => Reply>> = {
    'consultation:start': () => ({ ok: true, data: { consultationId: CID, clientToken: TOKEN, position: 3 } }),
    'key:grant': () => ({ ok: true, data: { grantedAt: 'now' } }),
    'consultation:end': () => ({ ok: true, data: { endedAt: 'now' } }),
    'message:list': () => ({ ok: true, data: { messages: [], more: false } }),
  };
  closed = false;
  private handlers = new Map<string, (payload: never) => void>();
  private status: Array<(e: SocketStatusEvent) => void> = [];

  request = (async (event: keyof ClientToServerEvents, payload: unknown) => {
    this.requests.push({ event, payload });
    return this.replies[event]?.(payload) ?? { ok: false, error: 'INTERNAL' };
  }) as RelaySocket['request'];
  on<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): void {
    this.handlers.set(event, handler as (payload: never) => void);
  }
  onStatus(handler: (e: SocketStatusEvent) => void): void {
    this.status.push(handler);
  }
  close(): void {
    this.closed = true;
  }
  push<E extends keyof ServerToClientEvents>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    this.handlers.get(event)?.(payload as never);
  }
  setStatus(e: SocketStatusEvent): void {
    for (const h of this.status) h(e);
  }
  sent(event: keyof ClientToServerEvents): unknown[] {
    return this.requests.filter((r) => r.event === event).map((r) => r.payload);
  }
  /** Her messages sent, without the intake that opens every start (seq 1, sent even when she answered nothing). */
  sentTexts(): unknown[] {
    return this.sent('message:send').filter((p) => !(p as { ciphertext: string }).ciphertext.startsWith('intake:'));
  }
}


/**
 * Fake crypto: "ciphertext" is the text itself, under a key epoch the fake holds (an epoch it does
 * not hold does not open). A counselor verifies when her signature is "good"; "expired" and
 * "revoked" give those reasons, anything else 'unconfirmed'.
 */
export function fakeCrypto(): SessionCrypto & { wiped: boolean; keys: string[] } {
  return {
    wiped: false,
    keys: ['key0'],
    verify: async (c) => {
      const sig = c.statement.signature;
      if (sig === 'good') return { ok: true, boxPublicKey: `box-${c.staffId}` };
      return { ok: false, reason: sig === 'expired' || sig === 'revoked' ? sig : 'unconfirmed' };
    },
    epoch() {
      return this.keys.length - 1;
    },
    rotate(floor) {
      const next = Math.max(this.keys.length - 1, floor) + 1;
      while (this.keys.length < next) this.keys.push('');
      this.keys.push(`key${next}`);
      return true;
    },
    sealKeysFor(box) {
      return this.keys.flatMap((k, keyEpoch) => (k ? [{ keyEpoch, sealedKey: `${k}-for-${box}` }] : []));
    },
    seal(consultationId, seq, body) {
      const { kind, ...rest } = body;
      return { consultationId, keyEpoch: this.keys.length - 1, seq, nonce: 'n'.repeat(32), ciphertext: kind === 'text' ? `enc:${body.text}` : `intake:${JSON.stringify(rest)}` };
    },
    open(_consultationId, m) {
      if (!this.keys[m.keyEpoch]) return null;
      return m.ciphertext.startsWith('enc:')
        ? { kind: 'text', text: m.ciphertext.slice(4) }
        : m.ciphertext.startsWith('intake:')
          ? { kind: 'intake', ...JSON.parse(m.ciphertext.slice(7)) }
          : null;
    },
    exportKeys() {
      return [...this.keys];
    },
    importKeys(keys) {
      this.keys = [...keys];
    },
    newResumeCode: async () => ({ code: 'CODE', lookup: 'l'.repeat(43), wrappedKey: 'w'.repeat(96) }),
    resumeKeys: async (code) => (code === 'bad' ? null : { lookup: 'l'.repeat(43), unwrap: (w) => w === 'w'.repeat(96) }),
    wipe() {
      this.wiped = true;
      this.keys = [];
    },
  };
}

export const counselor = (signature = 'good'): CounselorIdentity => ({
  staffId: 'staff-id-000000001',
  statement: {
    statement: { staffId: 'staff-id-000000001', role: 'counselor', boxPublicKey: 'b'.repeat(43), signPublicKey: 's'.repeat(43), keyVersion: 1, notBefore: 0, notAfter: 1 },
    signature,
  },
});

export const stored = (id: number, senderRole: 'client' | 'counselor', seq: number, text: string | null, keyEpoch = 0): StoredMessage => ({
  id,
  consultationId: CID,
  senderRole,
  keyEpoch,
  seq,
  nonce: 'n'.repeat(32),
  ciphertext: text === null ? 'garbage' : `enc:${text}`,
});

/** A reload record as the widget writes it (v2: keys by epoch, sealed envelopes, the assignment granted). */
/** The controller's injected clock (epoch ms) in these tests; a test may move it. */
export const clock = { now: Date.parse('2025-04-01T01:00:00.000Z') };
/** How long the controllers made by {@link setup} keep a reload record (their reload window). */
export const RELOAD_WINDOW_MS = 5 * 60_000;

/** A record as sessionStorage keeps it, still inside the reload window unless `until` says otherwise. */
export const savedRecord = (over: Partial<SavedSession> = {}, until = clock.now + RELOAD_WINDOW_MS): string =>
  JSON.stringify({ ...({ v: 2, consultationId: CID, clientToken: TOKEN, keys: ['key0'], seq: 0, unsent: [], grant: null, ...over } satisfies SavedSession), until });

/** The grant a reload record keeps after her first counselor took the key. */
export const grantedFirst = { staffId: 'staff-id-000000001', assignedAt: ASSIGNED_AT, done: true };

/** A resume snapshot (what `consultation:resume` answers). */
export const snapshot = (over: Partial<ConsultationSnapshot> = {}): ConsultationSnapshot => ({
  consultationId: CID,
  status: 'active',
  position: null,
  requeued: false,
  counselor: counselor(),
  assignedAt: ASSIGNED_AT,
  keyEpoch: 0,
  messages: [],
  moreMessages: false,
  ...over,
});

/**
 * The intake her widget sends at every start when she answered nothing (seq 1, the time inside):
 * the fake relay has no answer for message:send unless a test gives one, so it stays unsent.
 */
export const emptyIntake = { consultationId: CID, keyEpoch: 0, seq: 1, nonce: 'n'.repeat(32), ciphertext: `intake:${JSON.stringify({ writtenAt: '2025-04-01T01:00:00.000Z' })}` };

/** What the server answers to message:send: only what it added to her envelope. */
export const receipt = (id: number) => ({ id });

export const flush = () => new Promise((r) => setTimeout(r, 0));

export function setup(orgKey = ORG_KEY, proofs?: ProofSource) {
  const socket = new FakeSocket();
  const crypto = fakeCrypto();
  const host: ReactiveControllerHost & { updates: number } = {
    updates: 0,
    addController: (_c: ReactiveController) => {},
    removeController: () => {},
    requestUpdate() {
      this.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
  const load = vi.fn(async () => ({ socket, crypto }));
  const kv = fakeStore();
  const ctrl = new ConsultationController(host, {
    config: () => ({ server: 'http://relay.test', orgKey, campaign: 'flyer-1' }),
    load,
    connectTimeoutMs: 1000,
    quickExitWaitMs: 50,
    storage: () => kv,
    ...(proofs ? { proofs } : {}),
    reloadWindowMs: () => RELOAD_WINDOW_MS,
    now: () => clock.now,
  });
  return { ctrl, socket, crypto, host, load, kv };
}

/** Started and connected, waiting in the queue; `settle` lets pending work run (fake clocks pass their own). */
export async function waiting(settle: () => Promise<unknown> = flush) {
  const s = setup();
  await s.ctrl.start();
  expect(s.ctrl.phase).toBe('connecting');
  s.socket.setStatus({ type: 'connected' });
  await settle();
  return s;
}

export async function chatting() {
  const s = await waiting();
  s.socket.push('consultation:assigned', { consultationId: CID, counselor: counselor(), assignedAt: ASSIGNED_AT });
  await flush();
  return s;
}
