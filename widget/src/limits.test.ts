import { MAX_MESSAGE_CHARS as shared } from '@tsunagari/shared';
import { expect, test } from 'vitest';
import { MAX_MESSAGE_CHARS } from './limits.js';

test('the widget limit matches the protocol limit', () => {
  expect(MAX_MESSAGE_CHARS).toBe(shared);
});
