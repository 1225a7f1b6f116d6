import sodium from 'libsodium-wrappers';
import { describe, expect, it } from 'vitest';
import { inboundSchemas } from '../protocol/events.js';
import { sendableText } from '../client/messages.js';
import { MAX_CIPHERTEXT_CHARS, MAX_MESSAGE_CHARS } from '../protocol/limits.js';
import { sealEpochMessage } from './epoch-envelope.js';
import { newSessionKey } from './envelope.js';

const ctx = { consultationId: 'AAAAAAAAAAAAAAAAAAAAAA', senderRole: 'client' as const, keyEpoch: 0, seq: 1 };

describe('the ciphertext cap follows the widget’s largest message', () => {
  it('4,000 characters of Japanese, sealed by the real seal function, fit; the cap leaves no room for much more', async () => {
    await sodium.ready;
    const key = newSessionKey(sodium);
    const longest = sealEpochMessage(sodium, key, ctx, { kind: 'text', text: 'あ'.repeat(MAX_MESSAGE_CHARS) });
    expect(longest.ciphertext.length).toBeLessThanOrEqual(MAX_CIPHERTEXT_CHARS);
    // Sized to it, not to a round number: within the JSON slack of the edge.
    expect(MAX_CIPHERTEXT_CHARS - longest.ciphertext.length).toBeLessThan(64);
    // Mixed Japanese, kanji and line breaks seal no larger.
    const mixed = sealEpochMessage(sodium, key, ctx, { kind: 'text', text: '相談したいです。\n'.repeat(MAX_MESSAGE_CHARS / 9).slice(0, MAX_MESSAGE_CHARS) });
    expect(mixed.ciphertext.length).toBeLessThanOrEqual(MAX_CIPHERTEXT_CHARS);
    const envelope = { consultationId: ctx.consultationId, keyEpoch: 0, seq: 1, nonce: longest.nonce };
    expect(inboundSchemas['message:send'].safeParse({ ...envelope, ciphertext: longest.ciphertext }).success).toBe(true);
    expect(inboundSchemas['message:send'].safeParse({ ...envelope, ciphertext: 'A'.repeat(MAX_CIPHERTEXT_CHARS + 1) }).success).toBe(false);
  });

  it('whatever she pastes, the text her widget seals fits: control characters and broken surrogates are made harmless', async () => {
    await sodium.ready;
    const key = newSessionKey(sodium);
    // JSON escapes each of these, 4,000 times over, to 2 or 6 bytes a character.
    for (const raw of ['\u0001', '\u001f', '\ud800', '\udc00', '"', '\\', '\n']) {
      const text = sendableText(raw.repeat(MAX_MESSAGE_CHARS));
      const sealed = sealEpochMessage(sodium, key, ctx, { kind: 'text', text: text.length > 0 ? text : 'x' });
      expect(sealed.ciphertext.length, JSON.stringify(raw)).toBeLessThanOrEqual(MAX_CIPHERTEXT_CHARS);
    }
    expect(sendableText('こんにちは\n\tまた\u0007ね \ud83d\ude00')).toBe('こんにちは\n\tまたね \ud83d\ude00');
    expect(sendableText('a\ud800b')).toBe('a\ufffdb');
  });
});
