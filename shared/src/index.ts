export * from './hours/index.js';
export * from './handoff/handoff.js';
export * from './intake/intake.js';
export * from './intake/labels.js';
export * from './records/records.js';
export * from './records/case-log.js';
export * from './records/targets.js';
export * from './protocol/index.js';
