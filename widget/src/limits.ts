/**
 * Largest message she may type, in characters. Same value as `MAX_MESSAGE_CHARS` in
 * `@tsunagari/shared` (limits.test.ts checks it). It is copied, not imported, because the shared
 * index also re-exports the zod schemas and, without `"sideEffects": false` in shared's
 * package.json, importing one constant from it pulls zod (~25 KB gzip) into the entry script.
 */
export const MAX_MESSAGE_CHARS = 4000;
