export * from './hours/index.js';
export * from './intake/intake.js';
export * from './records/records.js';
export * from './protocol/index.js';
