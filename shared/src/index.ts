export * from './hours/index.js';
export * from './intake/intake.js';
export * from './protocol/index.js';
