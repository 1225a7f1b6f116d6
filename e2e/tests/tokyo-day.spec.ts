import { expect, sameTokyoDayFor, test, tokyoDate } from './fixtures.js';

/**
 * The guard the tests that count by today's date rest on (case-record, nuisance, outreach): it
 * must hold such a test back in the minutes before Tokyo midnight, and only then. Its clock here
 * is a runner-side stand-in that starts where the case needs it and runs at the real pace. No
 * browser, no server.
 */

/** A clock that reads `start` now and then runs on with the real one. */
const clockFrom = (start: string) => {
  const offset = new Date(start).getTime() - Date.now();
  return () => Date.now() + offset;
};

test('the Tokyo date is Japan’s (UTC+9), whatever the runner’s zone', () => {
  expect(tokyoDate(new Date('2027-03-31T14:59:59.999Z').getTime())).toBe('2027-03-31');
  expect(tokyoDate(new Date('2027-03-31T15:00:00.000Z').getTime())).toBe('2027-04-01');
});

test('two seconds before Tokyo midnight, a test that needs five seconds waits for the new day', async () => {
  const now = clockFrom('2027-03-31T23:59:58+09:00');
  await sameTokyoDayFor(5_000, now);
  expect(tokyoDate(now())).toBe('2027-04-01');
});

test('at noon, it does not wait: its first look is enough', async () => {
  const clock = clockFrom('2027-03-31T12:00:00+09:00');
  let reads = 0;
  await sameTokyoDayFor(180_000, () => (reads++, clock()));
  expect(reads).toBe(2);
});
