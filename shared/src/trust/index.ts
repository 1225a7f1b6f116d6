export * from './org-key.js';
export * from './statement.js';
export * from './revocation.js';
export * from './verify.js';
export * from './fingerprint.js';
