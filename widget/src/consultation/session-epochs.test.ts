import { describe, expect, test, vi } from 'vitest';
import { ASSIGNED_AT, chatting, CID, counselor, flush, grantedFirst, receipt, savedRecord, setup, snapshot, stored } from './controller-fakes.js';

/** Issue 13's key epochs in her widget: a new key for each new holder of her chat, and the order check. */

const TANAKA = 'staff-id-000000002';
const tanaka = () => ({ ...counselor(), staffId: TANAKA });
const LATER = '2025-04-01T02:00:00.000Z';
type Grant = { staffId: string; sealedKeys: { keyEpoch: number; sealedKey: string }[] };
type Sent = { keyEpoch: number; seq: number; ciphertext: string };

describe('a transfer while she is connected', () => {
  test('a new epoch for the new counselor alone; older epochs sealed to her too; her seqs start again', async () => {
    const s = await chatting();
    s.socket.replies['message:send'] = (p) => ({ ok: true, data: receipt(10 + (p as Sent).seq) });
    await s.ctrl.send('はじめまして');
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: tanaka(), assignedAt: LATER });
    await flush();
    const grants = s.socket.sent('key:grant') as Grant[];
    expect(grants.map((g) => [g.staffId, g.sealedKeys.map((k) => k.sealedKey)])).toEqual([
      [counselor().staffId, [`key0-for-box-${counselor().staffId}`]],
      [TANAKA, [`key0-for-box-${TANAKA}`, `key1-for-box-${TANAKA}`]],
    ]);
    expect(s.ctrl.transferred).toBe(true);
    s.socket.replies['message:send'] = () => ({ ok: true, data: receipt(30) });
    await s.ctrl.send('続けます');
    // Seq 1 of epoch 0 was her intake.
    expect((s.socket.sentTexts() as Sent[]).map((m) => [m.keyEpoch, m.seq, m.ciphertext])).toEqual([
      [0, 2, 'enc:はじめまして'],
      [1, 1, 'enc:続けます'],
    ]);
    // What a reload needs: both keys, and that the newest went to Tanaka.
    expect(JSON.parse(s.kv.getItem('tsunagari-chat') ?? 'null')).toMatchObject({ keys: ['key0', 'key1'], seq: 1, grant: { staffId: TANAKA, assignedAt: LATER, done: true } });
  });

  test('the assignment heard twice at once (a push and a snapshot) starts one epoch, not two', async () => {
    const s = await chatting();
    s.socket.replies['consultation:resume'] = () => ({ ok: true, data: snapshot({ counselor: tanaka(), assignedAt: LATER }) });
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: tanaka(), assignedAt: LATER });
    s.socket.setStatus({ type: 'reconnecting' });
    s.socket.setStatus({ type: 'connected' });
    await flush();
    await flush();
    expect((s.socket.sent('key:grant') as Grant[]).map((g) => g.sealedKeys.length)).toEqual([1, 2]);
    expect(s.crypto.epoch()).toBe(1);
  });

  test('a grant that did not go through is sealed again in the same epoch when she is back', async () => {
    const s = await chatting();
    s.socket.replies['key:grant'] = () => ({ ok: false, error: 'TIMEOUT' });
    s.socket.push('consultation:assigned', { consultationId: CID, counselor: tanaka(), assignedAt: LATER });
    await flush();
    expect(s.ctrl.error).toBe('TIMEOUT');
    s.socket.replies['key:grant'] = () => ({ ok: true, data: { grantedAt: 'now' } });
    s.socket.replies['consultation:resume'] = () => ({ ok: true, data: snapshot({ counselor: tanaka(), assignedAt: LATER, keyEpoch: 0 }) });
    s.socket.setStatus({ type: 'reconnecting' });
    s.socket.setStatus({ type: 'connected' });
    await flush();
    const grants = s.socket.sent('key:grant') as Grant[];
    expect(grants.slice(1).map((g) => [g.staffId, g.sealedKeys.map((k) => k.keyEpoch)])).toEqual([
      [TANAKA, [0, 1]],
      [TANAKA, [0, 1]],
    ]);
    expect(s.crypto.epoch()).toBe(1);
  });
});

describe('a transfer while she was offline', () => {
  test('the new counselor wrote with the key handed on to her; the widget starts a new epoch when she is back', async () => {
    const s = await chatting();
    s.socket.setStatus({ type: 'reconnecting' });
    // Meanwhile Sato handed her on with epoch 0 re-sealed, and Tanaka wrote in it.
    s.socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: snapshot({ counselor: tanaka(), assignedAt: LATER, keyEpoch: 0, messages: [stored(1, 'counselor', 1, '佐藤です'), stored(2, 'counselor', 2, '田中に代わります')] }),
    });
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['佐藤です', '田中に代わります']);
    expect((s.socket.sent('key:grant') as Grant[]).at(-1)).toMatchObject({ staffId: TANAKA, sealedKeys: [{ keyEpoch: 0 }, { keyEpoch: 1 }] });
    s.socket.replies['message:send'] = () => ({ ok: true, data: receipt(3) });
    await s.ctrl.send('はい');
    expect((s.socket.sentTexts() as Sent[]).map((m) => [m.keyEpoch, m.seq])).toEqual([[1, 1]]);
  });
});

describe('a reload after a transfer', () => {
  test('keeps both keys and the assignment: nothing sealed again, her seq goes on in the newest epoch', async () => {
    const s = setup();
    s.kv.setItem('tsunagari-chat', savedRecord({ keys: ['key0', 'key1'], seq: 1, grant: { ...grantedFirst, staffId: TANAKA, assignedAt: LATER } }));
    s.socket.replies['consultation:resume'] = () => ({
      ok: true,
      data: snapshot({ counselor: tanaka(), assignedAt: LATER, keyEpoch: 1, messages: [stored(1, 'counselor', 1, '前の話', 0), stored(2, 'client', 1, '続き', 1)] }),
    });
    s.socket.replies['message:send'] = () => ({ ok: true, data: receipt(3) });
    await s.ctrl.restore();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.ctrl.phase).toBe('chat');
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['前の話', '続き']);
    expect(s.socket.sent('key:grant')).toEqual([]);
    await s.ctrl.send('まだあります');
    expect((s.socket.sent('message:send') as Sent[]).map((m) => [m.keyEpoch, m.seq])).toEqual([[1, 2]]);
  });
});

describe('order of the counselor’s messages', () => {
  test('a gap is noticed until the missing one arrives; a replayed copy is shown once and noticed', async () => {
    const s = await chatting();
    s.socket.push('message:new', stored(1, 'counselor', 1, 'いち'));
    s.socket.push('message:new', stored(3, 'counselor', 3, 'さん'));
    expect(s.ctrl.order).toEqual({ missing: true, repeated: false });
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['いち', 'さん']);
    s.socket.push('message:new', stored(2, 'counselor', 2, 'に'));
    expect(s.ctrl.order).toEqual({ missing: false, repeated: false });
    // The relay sends seq 3 again under another id.
    s.socket.push('message:new', stored(1_000_000_003, 'counselor', 3, 'さん'));
    expect(s.ctrl.order).toEqual({ missing: false, repeated: true });
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['いち', 'に', 'さん']);
    // The same id again is the same row (a catch-up): nothing to say.
    s.socket.push('message:new', stored(4, 'counselor', 4, 'よん'));
    s.socket.push('message:new', stored(4, 'counselor', 4, 'よん'));
    expect(s.ctrl.order).toEqual({ missing: false, repeated: false });
  });

  test('a message past a gap makes her widget ask for what came between, once: all shown, nothing said missing', async () => {
    const s = await chatting();
    // The relay stored the second; its push never reached her (lost between relay nodes, say).
    const onRelay = [stored(1, 'counselor', 1, 'いち'), stored(2, 'counselor', 2, 'に'), stored(3, 'counselor', 3, 'さん')];
    s.socket.replies['message:list'] = (p) => ({ ok: true, data: { messages: onRelay.filter((m) => m.id > (p as { afterId: number }).afterId), more: false } });
    s.socket.push('message:new', stored(1, 'counselor', 1, 'いち'));
    const asked = s.socket.sent('message:list').length;
    s.socket.push('message:new', stored(3, 'counselor', 3, 'さん'));
    await vi.waitFor(() => expect(s.ctrl.messages.map((m) => m.text)).toEqual(['いち', 'に', 'さん']));
    expect(s.ctrl.order).toEqual({ missing: false, repeated: false });
    expect(s.socket.sent('message:list').slice(asked)).toEqual([{ consultationId: CID, afterId: 1 }]);
  });

  test('one the relay withholds stays missing, and she is told; asked once per gap, not again and again', async () => {
    const s = await chatting();
    s.socket.replies['message:list'] = () => ({ ok: true, data: { messages: [stored(3, 'counselor', 3, 'さん')], more: false } });
    s.socket.push('message:new', stored(1, 'counselor', 1, 'いち'));
    const asked = s.socket.sent('message:list').length;
    s.socket.push('message:new', stored(3, 'counselor', 3, 'さん'));
    await vi.waitFor(() => expect(s.socket.sent('message:list').length).toBe(asked + 1));
    await flush();
    expect(s.socket.sent('message:list').length).toBe(asked + 1);
    expect(s.ctrl.order).toEqual({ missing: true, repeated: false });
    expect(s.ctrl.messages.map((m) => m.text)).toEqual(['いち', 'さん']);
  });

  test('a message pushed while her history comes page by page does not make her widget skip the pages between', async () => {
    const s = setup();
    s.kv.setItem('tsunagari-chat', savedRecord({ grant: grantedFirst }));
    s.socket.replies['consultation:resume'] = () => ({ ok: true, data: snapshot({ assignedAt: ASSIGNED_AT, messages: [] }) });
    const onRelay = [1, 2, 3, 4, 5, 6].map((i) => stored(i, 'counselor', i, `${i}`));
    s.socket.replies['message:list'] = (p) => {
      const afterId = (p as { afterId: number }).afterId;
      // He writes a seventh while her second page is on its way: its push comes before the page.
      if (afterId === 2) s.socket.push('message:new', stored(7, 'counselor', 7, '7'));
      const page = onRelay.filter((m) => m.id > afterId).slice(0, 2);
      return { ok: true, data: { messages: page, more: page.at(-1)?.id !== 6 } };
    };
    await s.ctrl.restore();
    s.socket.setStatus({ type: 'connected' });
    await vi.waitFor(() => expect(s.ctrl.messages.map((m) => m.text)).toEqual(['1', '2', '3', '4', '5', '6', '7']));
    expect(s.ctrl.order).toEqual({ missing: false, repeated: false });
  });

  test('a history with a hole in it (after a reload) is noticed too', async () => {
    const s = setup();
    s.kv.setItem('tsunagari-chat', savedRecord({ grant: grantedFirst }));
    s.socket.replies['consultation:resume'] = () => ({ ok: true, data: snapshot({ assignedAt: ASSIGNED_AT, messages: [stored(1, 'counselor', 1, 'a'), stored(5, 'counselor', 3, 'c')] }) });
    await s.ctrl.restore();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    expect(s.ctrl.order.missing).toBe(true);
  });
});
