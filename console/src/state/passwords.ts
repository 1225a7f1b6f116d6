import { MIN_PASSWORD_LENGTH } from '@tsunagari/shared/crypto';

/** What is wrong with a new password typed twice, or null when it can be used. */
export type NewPasswordProblem = 'tooShort' | 'mismatch';

/**
 * At least {@link MIN_PASSWORD_LENGTH} characters (counted as people count them: code points, so
 * a kanji or an emoji is one) and the same both times. No other rules: a long sentence she can
 * remember is better than a short jumble.
 */
export function newPasswordProblem(password: string, again: string): NewPasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password !== again) return 'mismatch';
  return null;
}
