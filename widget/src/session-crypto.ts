import type { CounselorIdentity, StoredMessage } from '@tsunagari/shared';
import {
  newSessionKey,
  openMessage,
  sealMessage,
  sealSessionKey,
  type Sodium,
  verifyCounselorIdentity,
} from '@tsunagari/shared/crypto';
import type { SessionCrypto } from './consultation-types.js';

/**
 * Loads libsodium (standard build: the widget needs no Argon2id) and makes a fresh session key.
 * This module is only reached through a dynamic `import()`, so libsodium's ~160 KB stay out of
 * the entry script until she actually starts a consultation.
 */
export async function createSessionCrypto(orgKey: string): Promise<SessionCrypto> {
  const sodium: Sodium = (await import('libsodium-wrappers')).default;
  await sodium.ready;
  let key: Uint8Array | null = newSessionKey(sodium);
  const needKey = (): Uint8Array => {
    if (!key) throw new Error('session key wiped');
    return key;
  };
  return {
    verify: (counselor: CounselorIdentity) => verifyCounselorIdentity(sodium, orgKey, counselor),
    sealKeyFor: (counselor: CounselorIdentity) => sealSessionKey(sodium, needKey(), counselor.boxPublicKey),
    sealText: (consultationId: string, seq: number, text: string) =>
      sealMessage(sodium, needKey(), { consultationId, senderRole: 'client', seq }, { kind: 'text', text }),
    open: (message: StoredMessage) => {
      try {
        const body = openMessage(sodium, needKey(), message.senderRole, message);
        // Only counselors' text reaches her; any other kind is not for display here.
        return body.kind === 'text' ? body.text : null;
      } catch {
        return null;
      }
    },
    wipe: () => {
      if (key) sodium.memzero(key);
      key = null;
    },
  };
}
