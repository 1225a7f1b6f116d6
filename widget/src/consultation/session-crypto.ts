import { type CounselorIdentity, MAX_KEY_EPOCH, type MessageBody } from '@tsunagari/shared';
import { fromB64, newSessionKey, openEpochMessage, sealEpochMessage, sealSessionKey, type Sodium, toB64 } from '@tsunagari/shared/crypto';
import {
  type IdentityReason,
  newerRevocationList,
  type PinnedOrgKey,
  pinOrgKey,
  ROLES_THE_WIDGET_SEALS_TO,
  type VerifiedRevocationList,
  verifyRevocationList,
  verifyStaffIdentity,
} from '@tsunagari/shared/trust';
import type { SealedMessage, SessionCrypto, TrustVerdict, UnsafeReason } from './types.js';

export interface SessionCryptoOptions {
  /** The relay's published revocation list, as it answered (untrusted: verified here against the pinned key). */
  revocations(): Promise<unknown>;
  /** Unix ms; tests pass their own clock. */
  now?: () => number;
}

/** Resume codes' crypto, fetched only when she asks for a code or types one. */
const loadResumeKeys = () => import('./resume-keys.js');

/** What she is told, from what the check found. */
const UNSAFE: Record<IdentityReason, UnsafeReason> = {
  malformed: 'unconfirmed',
  'bad-signature': 'unconfirmed',
  'wrong-role': 'unconfirmed',
  'wrong-staff': 'unconfirmed',
  'not-yet-valid': 'expired',
  expired: 'expired',
  revoked: 'revoked',
};

/**
 * Loads libsodium (standard build: the widget needs no Argon2id) and makes her first session key
 * (epoch 0). This module is only reached through a dynamic `import()`, so libsodium's ~150 KB
 * stay out of the entry script until she opens the chat.
 *
 * Keys live here only, by epoch (a hole is an epoch this device never held: a consultation
 * continued by a code made before a later transfer). The revocation list is kept within the
 * session: a relay that later serves an older one cannot bring a revoked key back.
 */
export async function createSessionCrypto(orgKey: string, options: SessionCryptoOptions): Promise<SessionCrypto> {
  const sodium: Sodium = (await import('libsodium-wrappers')).default;
  await sodium.ready;
  const now = options.now ?? Date.now;
  let keys: (Uint8Array | undefined)[] = [newSessionKey(sodium)];
  let revocations: VerifiedRevocationList | null = null;
  let pinned: PinnedOrgKey | null = null;
  try {
    pinned = pinOrgKey(sodium, orgKey);
  } catch {
    // A snippet with a malformed org-key: no counselor verifies, so nothing is ever sealed.
  }
  const newest = (): Uint8Array => {
    const key = keys.at(-1);
    if (!key) throw new Error('session keys wiped');
    return key;
  };
  const replace = (next: (Uint8Array | undefined)[]): void => {
    for (const k of keys) if (k) sodium.memzero(k);
    keys = next;
  };
  return {
    async verify(counselor: CounselorIdentity): Promise<TrustVerdict> {
      if (!pinned) return { ok: false, reason: 'unconfirmed' };
      try {
        const fetched = verifyRevocationList(sodium, pinned, await options.revocations());
        if (fetched.ok) revocations = newerRevocationList(revocations, fetched.list);
      } catch {
        // No list reached us: a revoked key is then bounded by its statement's notAfter.
      }
      const verdict = verifyStaffIdentity(sodium, counselor, { orgKey: pinned, acceptRoles: ROLES_THE_WIDGET_SEALS_TO, now: now(), revocations });
      return verdict.ok ? { ok: true, boxPublicKey: verdict.statement.boxPublicKey } : { ok: false, reason: UNSAFE[verdict.reason] };
    },
    epoch: () => keys.length - 1,
    rotate(floor: number): boolean {
      const next = Math.max(keys.length - 1, floor) + 1;
      if (next > MAX_KEY_EPOCH) return false;
      // No sparse array: every epoch below has a place (undefined when never held here).
      while (keys.length < next) keys.push(undefined);
      keys.push(newSessionKey(sodium));
      return true;
    },
    sealKeysFor: (boxPublicKey: string) => keys.flatMap((k, keyEpoch) => (k ? [{ keyEpoch, sealedKey: sealSessionKey(sodium, k, boxPublicKey) }] : [])),
    seal: (consultationId: string, seq: number, body: MessageBody) =>
      sealEpochMessage(sodium, newest(), { consultationId, senderRole: 'client', keyEpoch: keys.length - 1, seq }, body),
    open(consultationId: string, m: SealedMessage): MessageBody | null {
      const key = keys[m.keyEpoch];
      try {
        return key ? openEpochMessage(sodium, key, { consultationId, senderRole: m.senderRole, keyEpoch: m.keyEpoch }, m) : null;
      } catch {
        return null;
      }
    },
    exportKeys: () => keys.map((k) => (k ? toB64(sodium, k) : '')),
    importKeys: (next: readonly string[]) => replace(next.map((k) => (k ? fromB64(sodium, k) : undefined))),
    newResumeCode: async () => (await loadResumeKeys()).makeResumeCode(sodium, keys),
    async resumeKeys(code: string) {
      const read = (await loadResumeKeys()).readResumeCode(sodium, code);
      if (!read) return null;
      return {
        lookup: read.lookup,
        unwrap: (wrappedKey: string) => {
          const unwrapped = read.unwrap(wrappedKey);
          if (unwrapped) replace(unwrapped);
          return unwrapped !== null;
        },
      };
    },
    wipe: () => replace([]),
  };
}
