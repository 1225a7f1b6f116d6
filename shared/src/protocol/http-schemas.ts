import { z } from 'zod';

/** Schemas for the staff HTTP API bodies; kept apart from http.ts so browsers importing paths and types load no zod. */
export const usernameSchema = z.string().regex(/^[a-z0-9._-]{2,32}$/);

/** A 32-byte value as base64url without padding (auth keys, public keys, bearer tokens). */
export const key32Schema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** The one-time invitation token from the link's fragment (`#invite=…`); the relay keeps only its hash. */
export const inviteTokenSchema = key32Schema;

/**
 * Argon2id parameters as her browser chose them. Only the shape is checked here; the server's
 * floor (MODERATE, or `min` on a test server) and ceiling are checked by the KDF policy.
 */
export const kdfParamsSchema = z.strictObject({
  /** 16-byte salt, base64url. */
  salt: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  opslimit: z.number().int().min(1).max(1_000),
  memlimit: z.number().int().min(1).max(2 ** 40),
});

/**
 * Her two secret keys (X25519 32 bytes + Ed25519 64 bytes) wrapped with XChaCha20-Poly1305:
 * 24-byte nonce + 96 + 16 bytes = 136 bytes, base64url without padding.
 */
export const wrappedSecretKeysSchema = z.string().regex(/^[A-Za-z0-9_-]{182}$/);

export const authParamsRequestSchema = z.strictObject({ username: usernameSchema });

export const loginRequestSchema = z.strictObject({
  username: usernameSchema,
  /** 32-byte auth key derived from the password, base64url. */
  authKey: key32Schema,
});

export const enrolInfoRequestSchema = z.strictObject({ token: inviteTokenSchema });

/** Enrolment from her browser: public keys, wrapped secret keys, KDF parameters, login value. */
export const enrolRequestSchema = z.strictObject({
  token: inviteTokenSchema,
  kdf: kdfParamsSchema,
  /** The auth key derived from her new password; the relay stores only a hash of it. */
  authKey: key32Schema,
  boxPublicKey: key32Schema,
  signPublicKey: key32Schema,
  wrappedSecretKeys: wrappedSecretKeysSchema,
});

/** Password change: her current auth key, and the new parameters, auth key and re-wrapped keys. */
export const passwordChangeRequestSchema = z.strictObject({
  authKey: key32Schema,
  kdf: kdfParamsSchema,
  newAuthKey: key32Schema,
  wrappedSecretKeys: wrappedSecretKeysSchema,
});

/** The placeholder a landing URL template carries where the campaign's name goes. */
export const CAMPAIGN_PLACEHOLDER = '{campaign}';

/**
 * A landing URL template (`https://www.npo.example/c/{campaign}.html`): an http(s) address with
 * {@link CAMPAIGN_PLACEHOLDER} exactly once, in its path, and nothing else to fill in.
 */
export const landingUrlSchema = z
  .string()
  .max(300)
  .refine((t) => {
    const at = t.indexOf(CAMPAIGN_PLACEHOLDER);
    if (at < 0 || t.indexOf(CAMPAIGN_PLACEHOLDER, at + 1) >= 0) return false;
    // In the path: after the first "/" past the host, before any query.
    const pathStart = t.indexOf('/', t.indexOf('//') + 2);
    if (pathStart < 0 || at < pathStart || t.slice(0, at).includes('?')) return false;
    try {
      const url = new URL(t.replace(CAMPAIGN_PLACEHOLDER, 'x'));
      return /^https?:$/.test(url.protocol) && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, 'an http(s) address with {campaign} once in its path');

/** The console's pinned `console-config.json` (see ConsoleConfig in http.ts). */
export const consoleConfigSchema = z.strictObject({
  relayUrl: z.url({ protocol: /^https?$/ }),
  orgPublicKey: key32Schema,
  lockAfterMinutes: z.number().int().min(1).max(24 * 60),
  kdfFloor: z.enum(['moderate', 'min']),
  landingUrl: landingUrlSchema.optional(),
  recordsPublicKey: key32Schema.optional(),
});

export type AuthParamsRequest = z.infer<typeof authParamsRequestSchema>;
export type LoginRequest = z.infer<typeof loginRequestSchema>;
export type EnrolInfoRequest = z.infer<typeof enrolInfoRequestSchema>;
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequestSchema>;
