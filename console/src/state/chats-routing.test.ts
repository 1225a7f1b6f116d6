import type { StaffConsultation, StoredMessage } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { addOffer, chatToSwitchTo, emptyState, lastReply, markRead, receiveMessages, removeOffer, upsertConsultation } from './chats.js';

const consultation = (id: string, lastReadId = 0): StaffConsultation => ({
  consultationId: id, status: 'active', assignedAt: null, sealedKeys: [], campaign: null, urgent: false, lastReadId,
});
const msg = (id: number, senderRole: 'client' | 'counselor', consultationId = 'a'): StoredMessage => ({
  id, consultationId, senderRole, keyEpoch: 0, seq: id, nonce: 'n', ciphertext: 'c',
});

describe('concurrent chats', () => {
  it('counts unread only past the read mark the server kept (a reload does not re-count)', () => {
    let s = upsertConsultation(emptyState, consultation('a', 2));
    s = receiveMessages(s, 'a', [msg(1, 'client'), msg(2, 'client'), msg(3, 'counselor'), msg(4, 'client')]);
    expect(s.chats[0]?.unread).toBe(1);
    const read = markRead(s, 'a');
    expect(read.lastReadId).toBe(4);
    expect(read.state.chats[0]?.unread).toBe(0);
    expect(markRead(read.state, 'a').lastReadId).toBeNull();
  });

  it('switches chats by keyboard, wrapping around, or by number', () => {
    let s = emptyState;
    for (const id of ['a', 'b', 'c']) s = upsertConsultation(s, consultation(id));
    expect(chatToSwitchTo(s, { step: 1 })).toBe('a');
    expect(chatToSwitchTo(s, { step: -1 })).toBe('c');
    s = { ...s, selectedId: 'c' };
    expect(chatToSwitchTo(s, { step: 1 })).toBe('a');
    expect(chatToSwitchTo(s, { step: -1 })).toBe('b');
    expect(chatToSwitchTo(s, { index: 1 })).toBe('b');
    expect(chatToSwitchTo(s, { index: 7 })).toBeNull();
  });

  it('knows when she last replied (the time from inside her message), and keeps one offer per client', () => {
    let s = receiveMessages(upsertConsultation(emptyState, consultation('a')), 'a', [msg(1, 'client'), msg(3, 'client')]);
    expect(lastReply(s.chats[0]!)).toBeNull();
    s = receiveMessages(s, 'a', [msg(2, 'counselor')]);
    // Not decrypted yet: she replied, but when is not known here.
    expect(lastReply(s.chats[0]!)).toEqual({ at: null });
    const opened = (at: string | null) => ({ ...s, chats: s.chats.map((c) => ({ ...c, plain: new Map([[2, { text: 'はい', writtenAt: at }]]) })) });
    expect(lastReply(opened('2026-04-01T01:00:02.000Z').chats[0]!)).toEqual({ at: '2026-04-01T01:00:02.000Z' });
    // Sealed before times moved inside the ciphertext: no time, rather than an invented one.
    expect(lastReply(opened(null).chats[0]!)).toEqual({ at: null });
    const offer = { consultationId: 'x', urgent: false, requeued: false, queuedAt: '', expiresAt: '' };
    s = addOffer(addOffer(s, offer), offer);
    expect(s.offers).toHaveLength(1);
    expect(removeOffer(s, 'x').offers).toHaveLength(0);
  });
});
