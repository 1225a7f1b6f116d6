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
 * conversation is there. A stand-in answers the socket's requests; the paging itself is the
 * server's, tested in server/test/limits-storage.test.ts.
 */

/** When message i was written, as sealed inside it. */
const writtenAt = (i: number) => new Date(Date.UTC(2026, 10, 30, 4, i)).toISOString();
describe('the console loads a long history page by page', () => {
  it('asks after the last id until the relay says there is no more, and shows every message', async () => {
    const sodium = await loadSodium();
    const box = sodium.crypto_box_keypair();
    const sign = sodium.crypto_sign_keypair();
    const crypto = new StaffCrypto(sodium, { boxPublicKey: box.publicKey, boxSecretKey: box.privateKey, signPublicKey: sign.publicKey, signSecretKey: sign.privateKey });
    const sessionKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
    const consultationId = 'consultation-long-history';
    const history: StoredMessage[] = Array.from({ length: 25 }, (_, i) => ({
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
    const asked: number[] = [];
    const request = (async (event: string, payload: { afterId?: number }) => {
      if (event === 'consultation:mine') return { ok: true, data: { consultations: [consultation] } };
      if (event === 'consultation:read') return { ok: true, data: { lastReadId: 0 } };
      if (event !== 'message:list') throw new Error(`not expected here: ${event}`);
      const afterId = payload.afterId ?? 0;
      asked.push(afterId);
      // Pages of 10, as a byte budget would cut them.
      const page = history.filter((m) => m.id > afterId).slice(0, 10);
      return { ok: true, data: { messages: page, more: page.at(-1)?.id !== history.at(-1)?.id } };
    }) as unknown as StaffSocketController['request'];
    const consoleStore = new ConsoleStore(new QuietHost());
    const session: StaffSession = {
      staff: { id: 'staff-sato', username: 'sato', displayName: '佐藤', role: 'counselor' },
      keys: { boxPublicKey: '', signPublicKey: '', wrappedSecretKeys: '', statement: { statement: {} as never, signature: '' } },
    };
    const ctx: WorkspaceContext = {
      host: new QuietHost(),
      socket: { request, listen: () => {} },
      store: consoleStore,
      session: () => session,
      crypto: () => crypto,
      trust: () => pinTrust(sodium, toB64(sodium, sodium.crypto_sign_keypair().publicKey)),
      locked: () => false,
      announce: () => {},
    };
    const sync = new ChatSyncController(ctx, { showMain: () => {}, focusPanel: async () => {} });
    await sync.loadMine();
    await expect.poll(() => store.findChat(consoleStore.model, consultationId)?.historyLoaded).toBe(true);

    expect(asked).toEqual([0, 10, 20]);
    const chat = store.findChat(consoleStore.model, consultationId);
    expect(chat?.messages.map((m) => m.id)).toEqual(history.map((m) => m.id));
    expect([...(chat?.plain.values() ?? [])]).toEqual(history.map((_, i) => ({ text: `${i + 1} 通目`, writtenAt: i < 10 ? null : writtenAt(i) })));
  });
});
