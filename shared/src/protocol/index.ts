export * from './errors.js';
export * from './events.js';
export * from './limits.js';
export * from './schemas.js';
export * from './http.js';
export * from './http-schemas.js';
export * from './staff-lifecycle.js';
export * from './staff-schemas.js';
