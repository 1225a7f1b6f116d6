import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { chatHarness } from '../test/chat-harness.js';

/**
 * Her message's seq: each send reserves the next counselor seq (so two sends in flight never share
 * one), and a failed send gives it back (so her retry re-sends the same seq, which the server
 * treats as the same message if the first attempt was stored after all). Through the real composer
 * and chat panel, with real encryption; the relay stands in for the server's socket.
 */
describe('sending from the chat panel: seq reservation and give-back', () => {
  afterEach(() => document.body.replaceChildren());

  const composer = () => page.getByRole('textbox', { name: 'メッセージ' });
  const send = () => page.getByRole('button', { name: '送信' });

  it('continues from the highest counselor seq in the history; her own seqs do not count', async () => {
    const h = await chatHarness([
      { from: 'client', seq: 1, text: 'こんばんは' },
      { from: 'counselor', seq: 3, text: 'こんばんは。お話を聞かせてください' },
      { from: 'client', seq: 7, text: 'ありがとうございます' },
    ]);
    await userEvent.fill(composer(), 'ゆっくりで大丈夫ですよ');
    await userEvent.click(send());

    await expect.element(composer()).toHaveValue('');
    expect(h.relay.received.map((e) => e.seq)).toEqual([4]);
    expect(h.textOf(h.relay.received[0]!)).toBe('ゆっくりで大丈夫ですよ');
    await expect.element(page.getByText('ゆっくりで大丈夫ですよ')).toBeVisible();
  });

  it('a refused send keeps her words, says why, and the retry re-sends the same seq', async () => {
    const h = await chatHarness([{ from: 'client', seq: 1, text: 'こんばんは' }]);
    h.relay.will({ refuse: 'RATE_LIMITED' });
    await userEvent.fill(composer(), 'お待たせしました');
    await userEvent.click(send());

    await expect.element(page.getByRole('alert')).toHaveTextContent('少し待ってから');
    await expect.element(composer()).toHaveValue('お待たせしました');
    expect(h.chat().reservedSeq).toEqual({ epoch: 0, seq: 0 });

    await userEvent.click(send());
    await expect.element(composer()).toHaveValue('');
    expect(h.relay.received.map((e) => e.seq)).toEqual([1, 1]);
    expect([...h.relay.stored.keys()]).toEqual([1]);
    expect(h.chat().messages.filter((m) => m.senderRole === 'counselor').map((m) => m.seq)).toEqual([1]);
  });

  it('when the ack is lost after the server stored it, the retry is the same message, shown once', async () => {
    const h = await chatHarness([{ from: 'client', seq: 1, text: 'こんばんは' }]);
    h.relay.will('lose-ack');
    await userEvent.fill(composer(), '聞いていますよ');
    await userEvent.click(send());
    await expect.element(page.getByRole('alert')).toHaveTextContent('サーバーからの応答がありません');

    await userEvent.click(send());
    await expect.element(composer()).toHaveValue('');
    expect(h.relay.received.map((e) => e.seq)).toEqual([1, 1]);
    const mine = h.chat().messages.filter((m) => m.senderRole === 'counselor');
    expect(mine.map((m) => m.id)).toEqual([h.relay.stored.get(1)!.id]);
    await expect.element(page.getByRole('alert')).toHaveTextContent(/^$/);
    expect(page.getByText('聞いていますよ').elements()).toHaveLength(1);
  });

  it('two sends in flight take two seqs; a failed one gives its seq back only if none was taken after it', async () => {
    const h = await chatHarness([{ from: 'client', seq: 1, text: 'こんばんは' }]);
    const id = h.consultationId;
    h.relay.hold();
    h.relay.will({ refuse: 'INTERNAL' }, 'store');
    // The composer's message and a booked hand-off's message to her can be on their way at once.
    const first = h.actions.send({ consultationId: id, text: '一つ目' });
    const second = h.actions.send({ consultationId: id, text: '二つ目' });
    expect(h.chat().reservedSeq).toEqual({ epoch: 0, seq: 2 });
    h.relay.release();
    expect(await first).toEqual({ ok: false, error: expect.stringContaining('サーバーで問題') });
    expect(await second).toEqual({ ok: true });
    // Seq 2 is taken, so 1 cannot simply be handed out again after it: the retry goes as 3.
    expect(h.chat().reservedSeq).toEqual({ epoch: 0, seq: 2 });
    expect(await h.actions.send({ consultationId: id, text: '一つ目' })).toEqual({ ok: true });
    expect(h.relay.received.map((e) => [e.seq, h.textOf(e)])).toEqual([
      [1, '一つ目'],
      [2, '二つ目'],
      [3, '一つ目'],
    ]);
  });

  it('the last seq in flight is given back when it fails, so the next send reuses it', async () => {
    const h = await chatHarness([{ from: 'counselor', seq: 5, text: 'こんにちは' }]);
    const id = h.consultationId;
    h.relay.will({ refuse: 'INTERNAL' });
    expect((await h.actions.send({ consultationId: id, text: 'もう一度' })).ok).toBe(false);
    expect(h.chat().reservedSeq).toEqual({ epoch: 0, seq: 5 });
    expect((await h.actions.send({ consultationId: id, text: 'もう一度' })).ok).toBe(true);
    expect(h.relay.received.map((e) => e.seq)).toEqual([6, 6]);
  });

  it('an ended chat sends nothing and reserves nothing', async () => {
    const h = await chatHarness();
    h.store.model = { ...h.store.model, chats: h.store.model.chats.map((c) => ({ ...c, ended: { endedBy: 'client', reason: 'ended' } })) };
    expect((await h.actions.send({ consultationId: h.consultationId, text: 'まだいますか' })).ok).toBe(false);
    expect(h.relay.received).toEqual([]);
    expect(h.chat().reservedSeq).toBeNull();
  });
});

/**
 * Key epochs: her widget starts a new session key whenever someone new holds the chat. The console
 * sends with the newest epoch it holds, its seqs starting again from 1 there.
 */
describe('sending in the newest key epoch', () => {
  afterEach(() => document.body.replaceChildren());

  it('a new epoch’s key has come: her next message is sealed with it, as seq 1 of that epoch', async () => {
    const h = await chatHarness([
      { from: 'client', seq: 1, text: 'こんばんは' },
      { from: 'counselor', seq: 2, text: 'こんばんは' },
    ]);
    const next = h.sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
    h.store.model = { ...h.store.model, chats: h.store.model.chats.map((c) => ({ ...c, keys: new Map([...c.keys, [1, next]]) })) };
    expect(await h.actions.send({ consultationId: h.consultationId, text: '引き継ぎました' })).toEqual({ ok: true });
    const [sent] = h.relay.received;
    expect([sent?.keyEpoch, sent?.seq]).toEqual([1, 1]);
    expect(h.textOf(sent!, next)).toBe('引き継ぎました');
    expect(() => h.textOf(sent!)).toThrow();
  });
});
