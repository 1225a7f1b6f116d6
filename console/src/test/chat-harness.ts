/**
 * For component tests in a real browser: one counselor's chat wired the way the workspace wires it
 * (a ConsoleStore, a ChatActionsController, a tsg-chat-panel re-rendered from the model), with
 * real libsodium keys, and an in-page relay standing in for the server's socket. The relay is a
 * stand-in, not the server: the server's own rules (idempotent seq, refusals) have their tests in
 * server/; here it lets a test decide what the next `message:send` meets — stored and acked,
 * refused, stored with its ack lost, or held until the test lets it through.
 */
import type { CounselorState, EnvelopePayload, MessageBody, StaffConsultation, StaffSession, StoredMessage, ConsultationTransferPayload } from '@tsunagari/shared';
import { openEpochMessage, sealEpochMessage, toB64 } from '@tsunagari/shared/crypto';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import '../components/chat-panel/chat-panel.js';
import type { TsgChatPanel } from '../components/chat-panel/chat-panel.component.js';
import { ChatActionsController } from '../services/chat-actions.controller.js';
import { loadSodium, StaffCrypto } from '../services/staff-crypto.js';
import type { RequestError, StaffSocketController } from '../services/staff-socket.controller.js';
import { pinTrust, type StaffTrust } from '../services/staff-trust.js';
import { ConsoleStore, type WorkspaceContext } from '../services/workspace-context.js';
import * as store from '../state/chats.js';

type Sodium = Awaited<ReturnType<typeof loadSodium>>;

/** What the relay does with one `message:send`. */
export type SendFate = 'store' | { refuse: RequestError } | 'lose-ack';

/** The server's side of `message:send`, as far as seq goes: a repeated counselor seq is the same message. */
export class FakeRelay {
  /** Every envelope that reached the relay, in order, retries included. */
  readonly received: EnvelopePayload[] = [];
  /** The counselor's stored messages by seq. */
  readonly stored = new Map<number, StoredMessage>();
  /** Every `consultation:transfer` that reached the relay (each is accepted). */
  readonly transfers: ConsultationTransferPayload[] = [];
  private readonly fates: SendFate[] = [];
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private nextId: number;

  constructor(firstId: number) {
    this.nextId = firstId;
  }

  /** The next sends meet these fates, in order; after them, each is stored. */
  will(...fates: SendFate[]): void {
    this.fates.push(...fates);
  }

  /** Sends wait, unanswered, until {@link release}. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  /** Stands in for StaffSocketController.request; only `message:send` and `consultation:transfer` are expected here. */
  readonly request = (async (event: string, payload: unknown) => {
    if (event === 'consultation:transfer') {
      this.transfers.push(payload as ConsultationTransferPayload);
      return { ok: true, data: { transferredAt: new Date().toISOString() } };
    }
    if (event !== 'message:send') throw new Error(`the chat harness does not answer ${event}`);
    const envelope = payload as EnvelopePayload;
    this.received.push(envelope);
    await this.gate;
    const fate = this.fates.shift() ?? 'store';
    if (typeof fate === 'object') return { ok: false, error: fate.refuse };
    const stored = this.stored.get(envelope.seq) ?? { ...envelope, senderRole: 'counselor', id: this.nextId++ };
    this.stored.set(envelope.seq, stored);
    if (fate === 'lose-ack') return { ok: false, error: 'TIMEOUT' };
    return { ok: true, data: { id: stored.id } };
  }) as StaffSocketController['request'];
}

/** Re-renders the panel from the model whenever a controller asks the "workspace" to update. */
class PanelHost implements ReactiveControllerHost {
  constructor(private readonly render: () => void) {}
  addController(_: ReactiveController): void {}
  removeController(_: ReactiveController): void {}
  requestUpdate(): void {
    this.render();
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

export interface ChatHarness {
  sodium: Sodium;
  sessionKey: Uint8Array;
  consultationId: string;
  relay: FakeRelay;
  store: ConsoleStore;
  actions: ChatActionsController;
  panel: TsgChatPanel;
  chat(): store.ChatState;
  /** The organisation this console pins (its secret key signs the test's statements). */
  org: { publicKey: string; secretKey: Uint8Array };
  trust: StaffTrust;
  /** The counselors the transfer form offers; tests replace it. */
  counselors: CounselorState[];
  /** Decrypts what reached the relay (with the first key, or `key`), checking it was sealed as the counselor's message of its epoch and seq. */
  textOf(envelope: EnvelopePayload, key?: Uint8Array): string;
  /** The same, the whole body (its text and the time sealed inside). */
  bodyOf(envelope: EnvelopePayload, key?: Uint8Array): MessageBody;
  /** This console's clock (ms since the epoch) as the chat's actions read it; tests may move it. */
  now: number;
}

/**
 * An active chat, selected and shown, whose history holds `history` (client and counselor
 * messages as the server stored them, ids from 1; with the time sealed inside when `writtenAt` is given).
 */
export async function chatHarness(history: { from: 'client' | 'counselor'; seq: number; text: string; writtenAt?: string }[] = []): Promise<ChatHarness> {
  const sodium = await loadSodium();
  const box = sodium.crypto_box_keypair();
  const sign = sodium.crypto_sign_keypair();
  const crypto = new StaffCrypto(sodium, {
    boxPublicKey: box.publicKey,
    boxSecretKey: box.privateKey,
    signPublicKey: sign.publicKey,
    signSecretKey: sign.privateKey,
  });
  const sessionKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
  const consultationId = globalThis.crypto.randomUUID();
  const messages: StoredMessage[] = history.map((m, i) => ({
    ...sealEpochMessage(sodium, sessionKey, { consultationId, senderRole: m.from, keyEpoch: 0, seq: m.seq }, { kind: 'text', text: m.text, ...(m.writtenAt ? { writtenAt: m.writtenAt } : {}) }),
    senderRole: m.from,
    id: i + 1,
  }));
  const relay = new FakeRelay(messages.length + 1);
  const orgPair = sodium.crypto_sign_keypair();
  const org = { publicKey: toB64(sodium, orgPair.publicKey), secretKey: orgPair.privateKey };
  const trust = pinTrust(sodium, org.publicKey);
  const panel = document.createElement('tsg-chat-panel');
  let actions: ChatActionsController | null = null;
  const harness = { counselors: [] as CounselorState[], now: Date.parse('2026-11-30T04:05:00.000Z') };
  const host = new PanelHost(() => {
    panel.chat = store.findChat(consoleStore.model, consultationId) ?? null;
    panel.error = actions?.chatErrors[consultationId] ?? '';
    panel.transferring = actions?.transferringId === consultationId;
  });
  const consoleStore = new ConsoleStore(host);
  const session: StaffSession = {
    staff: { id: 'staff-sato', username: 'sato', displayName: '佐藤', role: 'counselor' },
    keys: { boxPublicKey: '', signPublicKey: '', wrappedSecretKeys: '', statement: { statement: {} as never, signature: '' } },
  };
  const ctx: WorkspaceContext = {
    host,
    socket: { request: relay.request, listen: () => {} },
    store: consoleStore,
    session: () => session,
    crypto: () => crypto,
    trust: () => trust,
    locked: () => false,
    announce: () => {},
  };
  actions = new ChatActionsController(ctx, () => harness.counselors, () => harness.now);
  panel.send = actions.send;
  panel.transfer = actions.transfer;
  document.body.append(panel);

  const consultation: StaffConsultation = { consultationId, status: 'active', assignedAt: new Date().toISOString(), sealedKeys: [], campaign: null, urgent: false };
  const plain = new Map(history.map((m, i) => [i + 1, { text: m.text, writtenAt: m.writtenAt ?? null }]));
  consoleStore.model = store.updateChat(store.selectChat(store.upsertConsultation(store.emptyState, consultation), consultationId), consultationId, (c) => ({
    ...c,
    keys: new Map([[0, sessionKey]]),
    messages,
    plain,
    historyLoaded: true,
  }));
  await panel.updateComplete;

  return Object.assign(harness, {
    sodium,
    sessionKey,
    consultationId,
    relay,
    store: consoleStore,
    actions,
    panel,
    chat: () => store.findChat(consoleStore.model, consultationId)!,
    org,
    trust,
    textOf: (envelope: EnvelopePayload, key = sessionKey) => {
      const body = openEpochMessage(sodium, key, { consultationId, senderRole: 'counselor', keyEpoch: envelope.keyEpoch }, envelope);
      return body.kind === 'text' ? body.text : '';
    },
    bodyOf: (envelope: EnvelopePayload, key = sessionKey) => openEpochMessage(sodium, key, { consultationId, senderRole: 'counselor', keyEpoch: envelope.keyEpoch }, envelope),
  });
}
