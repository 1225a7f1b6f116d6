export * from './format.js';
export * from './opening-hours.js';
