import { z } from 'zod';

/** Schemas for the staff HTTP API bodies; kept apart from http.ts so browsers importing paths and types load no zod. */
export const usernameSchema = z.string().regex(/^[a-z0-9._-]{2,32}$/);

export const authParamsRequestSchema = z.strictObject({ username: usernameSchema });

export const loginRequestSchema = z.strictObject({
  username: usernameSchema,
  /** 32-byte auth key derived from the password, base64url. */
  authKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

export type AuthParamsRequest = z.infer<typeof authParamsRequestSchema>;
export type LoginRequest = z.infer<typeof loginRequestSchema>;
