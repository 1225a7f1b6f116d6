import type { StaffConsultation, StaffSession, StoredMessage } from '@tsunagari/shared';
import { sealEpochMessage, sealSessionKey, toB64 } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { QuietHost } from '../test/quiet-host.js';
import * as store from '../state/chats.js';
import { ChatSyncController } from './chat-sync.controller.js';
import { loadSodium, StaffCrypto } from './staff-crypto.js';
import type { StaffSocketController } from './staff-socket.controller.js';
import { pinTrust } from './staff-trust.js';
import { ConsoleStore, type WorkspaceContext } from './workspace-context.js';

/**
 * The relay answers history a page at a time (HISTORY_PAGE_BYTES, `more` when more follow): after
 * a reload her console asks page after page, with real keys and real decryption, until the whole
 * conversation is there; and a message of hers that arrives past a gap (one whose push never came)
 * makes it ask for what came between. A stand-in answers the socket's requests; the paging itself
 * is the server's, tested in server/test/limits-storage.test.ts.
 */

const consultationId = 'consultation-long-history';
/** When message i was written, as sealed inside it. */
const writtenAt = (i: number) => new Date(Date.UTC(2026, 10, 30, 4, i)).toISOString();

/**
 * Her chat with `count` messages of hers on the relay (message i has id and seq i + 1); the relay
 * answers `message:list` from `served()` (all of them unless the test says otherwise), in pages
 * of 10 after the id asked for, and records every `afterId` asked. `pushes` are the console's
 * listeners, for the test to push to.
 */
async function chatOnRelay(count: number) {
  const sodium = await loadSodium();
  const box = sodium.crypto_box_keypair();
  const sign = sodium.crypto_sign_keypair();
  const crypto = new StaffCrypto(sodium, { boxPublicKey: box.publicKey, boxSecretKey: box.privateKey, signPublicKey: sign.publicKey, signSecretKey: sign.privateKey });
  const sessionKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
  const history: StoredMessage[] = Array.from({ length: count }, (_, i) => ({
    // The first ten sealed before times moved inside the ciphertext (none shown), the rest with the time she wrote them.
    ...sealEpochMessage(sodium, sessionKey, { consultationId, senderRole: 'client', keyEpoch: 0, seq: i + 1 }, { kind: 'text', text: `${i + 1} 通目`, ...(i < 10 ? {} : { writtenAt: writtenAt(i) }) }),
    senderRole: 'client' as const,
    id: i + 1,
  }));
  const consultation: StaffConsultation = {
    consultationId,
    status: 'active',
    assignedAt: new Date().toISOString(),
    sealedKeys: [{ keyEpoch: 0, sealedKey: sealSessionKey(sodium, sessionKey, toB64(sodium, box.publicKey)) }],
    campaign: null,
    urgent: false,
  };
  const relay = { served: (): readonly StoredMessage[] => history, asked: [] as number[], beforeAnswer: async (_afterId: number) => {} };
  const request = (async (event: string, payload: { afterId?: number }) => {
    if (event === 'consultation:mine') return { ok: true, data: { consultations: [consultation] } };
    if (event === 'consultation:read') return { ok: true, data: { lastReadId: 0 } };
    if (event !== 'message:list') throw new Error(`not expected here: ${event}`);
    const afterId = payload.afterId ?? 0;
    relay.asked.push(afterId);
    await relay.beforeAnswer(afterId);
    // Pages of 10, as a byte budget would cut them.
    const after = relay.served().filter((m) => m.id > afterId);
    const page = after.slice(0, 10);
    return { ok: true, data: { messages: page, more: after.length > page.length } };
  }) as unknown as StaffSocketController['request'];
  const pushes: Record<string, (payload: never) => void> = {};
  const consoleStore = new ConsoleStore(new QuietHost());
  const session: StaffSession = {
    staff: { id: 'staff-sato', username: 'sato', displayName: '佐藤', role: 'counselor' },
    keys: { boxPublicKey: '', signPublicKey: '', wrappedSecretKeys: '', statement: { statement: {} as never, signature: '' } },
  };
  const ctx: WorkspaceContext = {
    host: new QuietHost(),
    socket: { request, listen: (_host, handlers) => void Object.assign(pushes, handlers) },
    store: consoleStore,
    session: () => session,
    crypto: () => crypto,
    trust: () => pinTrust(sodium, toB64(sodium, sodium.crypto_sign_keypair().publicKey)),
    locked: () => false,
    announce: () => {},
  };
  const sync = new ChatSyncController(ctx, { showMain: () => {}, focusPanel: async () => {} });
  const chat = () => store.findChat(consoleStore.model, consultationId);
  const push = (m: StoredMessage) => (pushes['message:new'] as (m: StoredMessage) => void)(m);
  return { history, relay, sync, chat, push };
}

describe('the console loads a long history page by page', () => {
  it('asks after the last id until the relay says there is no more, and shows every message', async () => {
    const { history, relay, sync, chat } = await chatOnRelay(25);
    await sync.loadMine();
    await expect.poll(() => chat()?.historyLoaded).toBe(true);

    expect(relay.asked).toEqual([0, 10, 20]);
    expect(chat()?.messages.map((m) => m.id)).toEqual(history.map((m) => m.id));
    expect([...(chat()?.plain.values() ?? [])]).toEqual(history.map((_, i) => ({ text: `${i + 1} 通目`, writtenAt: i < 10 ? null : writtenAt(i) })));
  });

  it('a message pushed while the pages come does not make it skip the pages between', async () => {
    const { history, relay, sync, chat, push } = await chatOnRelay(26);
    // She writes her 26th while the console asks for the second page: its push comes first.
    const newest = history[25] as StoredMessage;
    relay.served = () => history.slice(0, 25);
    relay.beforeAnswer = async (afterId) => {
      if (afterId !== 10) return;
      relay.served = () => history;
      push(newest);
    };
    await sync.loadMine();
    await expect.poll(() => chat()?.historyLoaded).toBe(true);
    expect(relay.asked).toEqual([0, 10, 20]);
    expect(chat()?.messages.map((m) => m.id)).toEqual(history.map((m) => m.id));
    expect(chat()?.orderNotice.missing).toBe(false);
  });
});

describe('a message of hers that comes past a gap', () => {
  it('makes the console ask for what came between, once: every message shown, nothing said missing', async () => {
    const { history, relay, sync, chat, push } = await chatOnRelay(5);
    // The relay had stored three when her chat was loaded; the push of the fourth never came.
    relay.served = () => history.slice(0, 3);
    await sync.loadMine();
    await expect.poll(() => chat()?.historyLoaded).toBe(true);
    relay.served = () => history;
    relay.asked.length = 0;
    push(history[4] as StoredMessage);
    await expect.poll(() => chat()?.messages.map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
    expect(relay.asked).toEqual([3]);
    expect(chat()?.plain.get(4)?.text).toBe('4 通目');
    expect(chat()?.orderNotice.missing).toBe(false);
  });

  it('withheld by the relay, stays missing and the chat says so; asked once, not again and again', async () => {
    const { history, relay, sync, chat, push } = await chatOnRelay(6);
    relay.served = () => history.filter((m) => m.id !== 4 && m.id !== 6);
    await sync.loadMine();
    await expect.poll(() => chat()?.historyLoaded).toBe(true);
    // Loaded up to 5 without 4: the gap is already noticed from the history.
    expect(chat()?.orderNotice.missing).toBe(true);
    relay.served = () => history.filter((m) => m.id !== 4);
    relay.asked.length = 0;
    push(history[5] as StoredMessage);
    await expect.poll(() => relay.asked).toEqual([5]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(relay.asked).toEqual([5]);
    expect(chat()?.messages.map((m) => m.id)).toEqual([1, 2, 3, 5, 6]);
    expect(chat()?.orderNotice.missing).toBe(true);
  });
});
