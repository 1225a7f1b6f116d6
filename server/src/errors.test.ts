import { describe, expect, it } from 'vitest';
import { isDiskFull } from './errors.js';

describe('isDiskFull', () => {
  it("knows both backends' no-space errors and nothing else", () => {
    expect(isDiskFull(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toBe(true);
    // node-postgres: the SQLSTATE in `code`; 53100 is disk_full.
    expect(isDiskFull(Object.assign(new Error('could not extend file'), { code: '53100' }))).toBe(true);
    expect(isDiskFull(Object.assign(new Error('unique violation'), { code: '23505' }))).toBe(false);
    expect(isDiskFull(null)).toBe(false);
  });
});
