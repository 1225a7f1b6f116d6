import type { CounselorIdentity, MessageBody, StoredMessage } from '@tsunagari/shared';
import {
  deriveResumeKeys,
  fromB64,
  newResumeCode,
  newSessionKey,
  openMessage,
  parseResumeCode,
  sealMessage,
  sealSessionKey,
  type Sodium,
  toB64,
  unwrapSessionKey,
  wrapSessionKey,
} from '@tsunagari/shared/crypto';
import { type PinnedOrgKey, ROLES_THE_WIDGET_SEALS_TO, pinOrgKey, verifyStaffIdentity } from '@tsunagari/shared/trust';
import type { SessionCrypto } from './types.js';

/**
 * Loads libsodium (standard build: the widget needs no Argon2id) and makes a fresh session key.
 * This module is only reached through a dynamic `import()`, so libsodium's ~160 KB stay out of
 * the entry script until she opens the chat.
 */
export async function createSessionCrypto(orgKey: string): Promise<SessionCrypto> {
  const sodium: Sodium = (await import('libsodium-wrappers')).default;
  await sodium.ready;
  let key: Uint8Array | null = newSessionKey(sodium);
  const needKey = (): Uint8Array => {
    if (!key) throw new Error('session key wiped');
    return key;
  };
  const setKey = (next: Uint8Array): void => {
    if (key) sodium.memzero(key);
    key = next;
  };
  let pinned: PinnedOrgKey | null = null;
  try {
    pinned = pinOrgKey(sodium, orgKey);
  } catch {
    // A snippet with a malformed org-key: no counselor verifies, so nothing is ever sealed.
  }
  /** The counselor's statement when it verifies against the pinned key (a counselor, valid, about her); else null. */
  const verified = (counselor: CounselorIdentity) => {
    if (!pinned) return null;
    const verdict = verifyStaffIdentity(sodium, counselor, { orgKey: pinned, acceptRoles: ROLES_THE_WIDGET_SEALS_TO, now: Date.now(), revocations: null });
    return verdict.ok ? verdict.statement : null;
  };
  return {
    verify: (counselor: CounselorIdentity) => verified(counselor) !== null,
    sealKeyFor: (counselor: CounselorIdentity) => {
      // Sealed to the key in the verified statement, never to a field the relay sent beside it.
      const statement = verified(counselor);
      if (!statement) throw new Error('counselor identity does not verify');
      return sealSessionKey(sodium, needKey(), statement.boxPublicKey);
    },
    seal: (consultationId: string, seq: number, body: MessageBody) => sealMessage(sodium, needKey(), { consultationId, senderRole: 'client', seq }, body),
    open: (message: StoredMessage) => {
      try {
        return openMessage(sodium, needKey(), message.senderRole, message);
      } catch {
        return null;
      }
    },
    exportKey: () => toB64(sodium, needKey()),
    importKey: (next: string | Uint8Array) => setKey(typeof next === 'string' ? fromB64(sodium, next) : next),
    newResumeCode: () => {
      const code = newResumeCode(sodium);
      const bytes = parseResumeCode(code);
      if (!bytes) throw new Error('resume code did not parse');
      const { lookup, wrapKey } = deriveResumeKeys(sodium, bytes);
      const wrappedKey = wrapSessionKey(sodium, wrapKey, needKey());
      sodium.memzero(wrapKey);
      sodium.memzero(bytes);
      return { code, lookup, wrappedKey };
    },
    resumeKeys: (code: string) => {
      const bytes = parseResumeCode(code);
      if (!bytes) return null;
      const { lookup, wrapKey } = deriveResumeKeys(sodium, bytes);
      sodium.memzero(bytes);
      return {
        lookup,
        unwrap: (wrappedKey: string) => {
          try {
            setKey(unwrapSessionKey(sodium, wrapKey, wrappedKey));
            return true;
          } catch {
            return false;
          } finally {
            sodium.memzero(wrapKey);
          }
        },
      };
    },
    wipe: () => {
      if (key) sodium.memzero(key);
      key = null;
    },
  };
}
