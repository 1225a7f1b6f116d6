import { describe, expect, it } from 'vitest';
import { ja } from '../i18n/ja.js';
import { loginErrorMessage } from './login.js';

describe('loginErrorMessage', () => {
  it('never says whether the name or the password was wrong', () => {
    expect(loginErrorMessage('NOT_AUTHENTICATED')).toBe(ja.auth.wrongCredentials);
    expect(loginErrorMessage('INVALID_PAYLOAD')).toBe(ja.auth.wrongCredentials);
    expect(ja.auth.wrongCredentials).toContain('ユーザー名またはパスワード');
  });

  it('has its own words for rate limits, the network and the rest', () => {
    expect(loginErrorMessage('RATE_LIMITED')).toBe(ja.auth.rateLimited);
    expect(loginErrorMessage('NETWORK')).toBe(ja.auth.network);
    expect(loginErrorMessage('INTERNAL')).toBe(ja.auth.other);
    expect(loginErrorMessage('UNWRAP_FAILED')).toBe(ja.auth.unwrapFailed);
  });
});
