import type { StaffConsultation, StoredMessage } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import {
  applyMine,
  chatPhase,
  chatsToLoad,
  closeChat,
  emptyState,
  findChat,
  lockChats,
  markEnded,
  markRecorded,
  receiveMessages,
  recordedAt,
  selectChat,
  upsertConsultation,
} from './chats.js';

const KEY = { keyEpoch: 0, sealedKey: 'KEY' };

const cons = (id: string, over: Partial<StaffConsultation> = {}): StaffConsultation => ({
  consultationId: id,
  status: 'active',
  assignedAt: '2025-04-01T01:00:00.000Z',
  sealedKeys: [],
  campaign: null,
  urgent: false,
  ...over,
});

const msg = (id: number, consultationId: string, senderRole: 'client' | 'counselor' = 'client'): StoredMessage => ({
  id,
  consultationId,
  senderRole,
  keyEpoch: 0,
  seq: id,
  nonce: 'n',
  ciphertext: 'c',
});

describe('upsertConsultation', () => {
  it('adds once and keeps a sealed key already seen', () => {
    let s = upsertConsultation(emptyState, cons('a', { sealedKeys: [KEY] }));
    s = upsertConsultation(s, cons('a'));
    expect(s.chats).toHaveLength(1);
    expect(findChat(s, 'a')?.consultation.sealedKeys).toEqual([KEY]);
  });

  it('adds the keys of newer epochs to those it holds', () => {
    let s = upsertConsultation(emptyState, cons('a', { sealedKeys: [KEY] }));
    s = upsertConsultation(s, cons('a', { sealedKeys: [{ keyEpoch: 1, sealedKey: 'KEY1' }] }));
    expect(findChat(s, 'a')?.consultation.sealedKeys).toEqual([KEY, { keyEpoch: 1, sealedKey: 'KEY1' }]);
  });
});

describe('applyMine', () => {
  it('keeps held and ended chats, drops chats moved elsewhere, clears a lost selection', () => {
    let s = upsertConsultation(emptyState, cons('a'));
    s = upsertConsultation(s, cons('b'));
    s = upsertConsultation(s, cons('c'));
    s = markEnded(s, 'c', { endedBy: 'client', reason: 'ended' });
    s = selectChat(s, 'b');
    s = applyMine(s, [cons('a'), cons('d')]);
    // d is live, so it goes above c, which has ended.
    expect(s.chats.map((c) => c.consultation.consultationId)).toEqual(['a', 'd', 'c']);
    expect(s.selectedId).toBeNull();
  });
});

describe('receiveMessages', () => {
  it('counts unread client messages only for chats not selected, once per message', () => {
    let s = upsertConsultation(emptyState, cons('a'));
    s = upsertConsultation(s, cons('b'));
    s = selectChat(s, 'a');
    s = receiveMessages(s, 'b', [msg(1, 'b'), msg(2, 'b', 'counselor')]);
    s = receiveMessages(s, 'b', [msg(1, 'b')]);
    s = receiveMessages(s, 'a', [msg(3, 'a')]);
    expect(findChat(s, 'b')?.unread).toBe(1);
    expect(findChat(s, 'b')?.messages).toHaveLength(2);
    expect(findChat(s, 'a')?.unread).toBe(0);
    s = selectChat(s, 'b');
    expect(findChat(s, 'b')?.unread).toBe(0);
  });

  it('ignores chats she does not hold', () => {
    expect(receiveMessages(emptyState, 'x', [msg(1, 'x')])).toBe(emptyState);
  });
});

describe('markEnded and chatPhase', () => {
  it('moves through the phases and keeps the first known reason', () => {
    let s = upsertConsultation(emptyState, cons('a'));
    expect(chatPhase(s.chats[0]!)).toBe('keyPending');
    s = { ...s, chats: [{ ...s.chats[0]!, keys: new Map([[0, new Uint8Array(32)]]) }] };
    expect(chatPhase(s.chats[0]!)).toBe('active');
    s = markEnded(s, 'a', { endedBy: 'client', reason: 'quick_exit' });
    s = markEnded(s, 'a', { endedBy: null, reason: null });
    expect(findChat(s, 'a')?.ended).toEqual({ endedBy: 'client', reason: 'quick_exit' });
    expect(chatPhase(s.chats[0]!)).toBe('ended');
    expect(closeChat(s, 'a').chats).toHaveLength(0);
  });
});

describe('chats the server recalls after a reload (ended, not recorded yet)', () => {
  it('stay below her live chats: a chat she takes later goes above them, keeping the first Alt+number keys', () => {
    let s = applyMine(emptyState, [cons('live-1'), cons('ended-1', { status: 'ended' }), cons('ended-2', { status: 'ended' })]);
    expect(s.chats.map((c) => c.consultation.consultationId)).toEqual(['live-1', 'ended-1', 'ended-2']);
    s = upsertConsultation(s, cons('live-2'));
    s = upsertConsultation(s, cons('ended-3', { status: 'ended' }));
    expect(s.chats.map((c) => c.consultation.consultationId)).toEqual(['live-1', 'live-2', 'ended-1', 'ended-2', 'ended-3']);
    // One that ends while she is in it stays where it is until she closes it.
    s = markEnded(s, 'live-1', { endedBy: 'client', reason: 'ended' });
    s = upsertConsultation(s, cons('live-3'));
    expect(s.chats.map((c) => c.consultation.consultationId)).toEqual(['live-1', 'live-2', 'live-3', 'ended-1', 'ended-2', 'ended-3']);
  });

  const recalled = cons('e', { status: 'ended', sealedKeys: [KEY], recordedAt: null });

  it('come in ended and not recorded, and their key and history are loaded once', () => {
    let s = applyMine(emptyState, [cons('a', { recordedAt: '2025-04-01T02:00:00.000Z' }), recalled]);
    const e = findChat(s, 'e');
    expect(e && chatPhase(e)).toBe('ended');
    expect(e && recordedAt(e)).toBeNull();
    expect(recordedAt(findChat(s, 'a')!)).toBe('2025-04-01T02:00:00.000Z');
    expect(chatsToLoad(s)).toEqual(['a', 'e']);
    s = receiveMessages(s, 'e', [msg(1, 'e')]);
    s = { ...s, chats: s.chats.map((c) => ({ ...c, historyLoaded: true })) };
    expect(chatsToLoad(s)).toEqual(['a']);
  });

  it('show as recorded once recorded, and a later list read before the record does not undo it', () => {
    let s = applyMine(emptyState, [recalled]);
    s = markRecorded(s, 'e', { topics: ['孤独'], outcome: 'listened', ageBand: null, recordedAt: '2025-04-01T03:00:00.000Z' });
    expect(recordedAt(findChat(s, 'e')!)).toBe('2025-04-01T03:00:00.000Z');
    s = applyMine(s, [recalled]);
    expect(findChat(s, 'e')?.consultation.recordedAt).toBe('2025-04-01T03:00:00.000Z');
  });

  it('once closed here, do not come back on a reconnect; a chat handed away and back does', () => {
    let s = applyMine(emptyState, [recalled, cons('t')]);
    s = closeChat(s, 'e');
    s = closeChat(s, 't');
    s = applyMine(s, [recalled, cons('t')]);
    expect(s.chats.map((c) => c.consultation.consultationId)).toEqual(['t']);
    // A fresh sign-in starts from the empty state: the reminder is there again.
    expect(applyMine(emptyState, [recalled]).chats).toHaveLength(1);
  });
});

describe('lockChats', () => {
  it('keeps every chat listed, selected and unread as it was, with no key and no plaintext', () => {
    let s = upsertConsultation(upsertConsultation(emptyState, cons('a', { sealedKeys: [KEY] })), cons('b'));
    s = receiveMessages(s, 'a', [msg(1, 'a'), msg(2, 'a')]);
    s = selectChat(s, 'a');
    s = {
      ...s,
      chats: s.chats.map((c) => ({
        ...c,
        keys: new Map([[0, new Uint8Array(32)]]),
        plain: new Map([[1, { text: 'こんにちは', writtenAt: '2026-11-30T04:05:09.123Z' }]]),
        handover: [{ fromName: '田中', createdAt: 'x', text: '夜は電話できない' }],
        intake: { topics: ['子育て'], ageBand: '30s' },
        typing: true,
      })),
    };
    const locked = lockChats(s);
    expect(locked.selectedId).toBe('a');
    expect(locked.chats.map((c) => c.consultation.consultationId)).toEqual(['a', 'b']);
    const a = findChat(locked, 'a')!;
    expect(a.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(a.consultation.sealedKeys).toEqual([KEY]);
    expect(a.unread).toBe(findChat(s, 'a')!.unread);
    for (const c of locked.chats) {
      expect(c.keys.size).toBe(0);
      expect(c.keyFailed).toBe(false);
      expect(c.plain.size).toBe(0);
      expect(c.handover).toEqual([]);
      expect(c.intake).toBeNull();
      expect(c.typing).toBe(false);
    }
  });
  it('starts the order check again: what is decrypted again after unlocking is not taken for a repeat', () => {
    let s = upsertConsultation(emptyState, cons('a', { sealedKeys: [KEY] }));
    const before = findChat(s, 'a')!;
    before.order.accept(msg(1, 'a'));
    expect(before.order.accept(msg(1, 'a'))).toBe(false);
    s = lockChats({ ...s, chats: [{ ...before, orderNotice: before.order.notice() }] });
    const after = findChat(s, 'a')!;
    expect(after.orderNotice).toEqual({ missing: false, repeated: false });
    expect(after.order.accept(msg(1, 'a'))).toBe(true);
  });
});
