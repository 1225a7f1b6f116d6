import sodium from 'libsodium-wrappers';
import sodiumSumo from 'libsodium-wrappers-sumo';

/**
 * vitest setup file (vitest.config.ts, every Node project): both libsodium builds ready before a
 * test file is collected. With the worker's modules shared between files (`isolate: false`), a
 * file that calls libsodium while its describe blocks are collected (an `it.each` table, keys made
 * in a describe body) can no longer count on some import of its own having awaited `ready` first.
 */
await Promise.all([sodium.ready, sodiumSumo.ready]);
