export * from './envelope.js';
export * from './sodium.js';
export * from './staff-keys.js';
export * from './resume-code.js';
export * from './handover.js';
export * from './kdf-policy.js';
export * from './enrolment.js';
export * from './org-key-file.js';
