import { describe, expect, it } from 'vitest';
import { checkStartable, loadConfig, loginLimitsOf } from './config.js';
import { DEFAULT_LIMITS } from './limits.js';

describe('configuration for issue 13', () => {
  it('refuses to start a relay outside the demo unless PUBLIC_URL is https', () => {
    expect(() => checkStartable(loadConfig({}))).toThrow(/PUBLIC_URL must be an https/);
    expect(() => checkStartable(loadConfig({ PUBLIC_URL: 'http://relay.example' }))).toThrow(/https/);
    expect(() => checkStartable(loadConfig({ PUBLIC_URL: 'https://relay.example' }))).not.toThrow();
    expect(() => checkStartable(loadConfig({ DEMO: '1' }))).not.toThrow();
    // PostgreSQL is a database like the SQLite file (issue 17): the same rule, no refusal of its own.
    expect(() => checkStartable(loadConfig({ DEMO: '1', TSUNAGARI_DB: 'postgres://relay@db.example:5432/tsunagari' }))).not.toThrow();
    expect(() => checkStartable(loadConfig({ TSUNAGARI_DB: 'postgres://relay@db.example:5432/tsunagari' }))).toThrow(/PUBLIC_URL must be an https/);
    expect(() => checkStartable(loadConfig({ PUBLIC_URL: 'https://relay.example', TSUNAGARI_DB: 'postgres://relay@db.example:5432/tsunagari' }))).not.toThrow();
  });

  it('STAFF_KDF is the Argon2id floor: moderate by default, min only when asked, nothing else', () => {
    expect(loadConfig({}).staffKdf).toBe('moderate');
    expect(loadConfig({ STAFF_KDF: 'min' }).staffKdf).toBe('min');
    expect(() => loadConfig({ STAFF_KDF: 'interactive' })).toThrow(/STAFF_KDF/);
  });

  it('the console locks after 15 minutes unless told otherwise, within what its config allows', () => {
    expect(loadConfig({}).lockAfterMinutes).toBe(15);
    expect(loadConfig({ TSUNAGARI_LOCK_AFTER_MINUTES: '5' }).lockAfterMinutes).toBe(5);
    for (const bad of ['0', '1441', 'soon']) expect(() => loadConfig({ TSUNAGARI_LOCK_AFTER_MINUTES: bad }), bad).toThrow(/TSUNAGARI_LOCK_AFTER_MINUTES/);
  });

  it('TSUNAGARI_CONSOLE_ORIGIN must be a bare origin', () => {
    expect(loadConfig({}).consoleOrigin).toBeNull();
    expect(loadConfig({ TSUNAGARI_CONSOLE_ORIGIN: 'https://console.npo.example' }).consoleOrigin).toBe('https://console.npo.example');
    for (const bad of ['https://console.npo.example/', 'https://console.npo.example/console', 'console.npo.example', 'ftp://x.example']) {
      expect(() => loadConfig({ TSUNAGARI_CONSOLE_ORIGIN: bad }), bad).toThrow(/TSUNAGARI_CONSOLE_ORIGIN/);
    }
  });
});

describe('frame ancestors of the landing page', () => {
  it('reads origins, none by default, and refuses what is not an origin', () => {
    expect(loadConfig({}).frameAncestors).toEqual([]);
    expect(loadConfig({ TSUNAGARI_FRAME_ANCESTORS: 'https://npo.example  https://www.npo.example' }).frameAncestors).toEqual(['https://npo.example', 'https://www.npo.example']);
    for (const bad of ['npo.example', 'https://npo.example/chat', "'self'", '*']) {
      expect(() => loadConfig({ TSUNAGARI_FRAME_ANCESTORS: bad }), bad).toThrow(/TSUNAGARI_FRAME_ANCESTORS/);
    }
  });
});

describe('routing settings from the environment', () => {
  it('reads seconds into the routing options, leaving the rest to their defaults', () => {
    expect(loadConfig({}).routing).toEqual({});
    const env = { TSUNAGARI_OFFER_TIMEOUT_S: '5', TSUNAGARI_CLIENT_GRACE_S: '90', TSUNAGARI_COUNSELOR_GRACE_S: '0.5', TSUNAGARI_ALTERNATIVES_AFTER_S: '300' };
    expect(loadConfig(env).routing).toEqual({ offerTimeoutMs: 5000, clientGraceMs: 90_000, counselorGraceMs: 500, alternativesAfterSeconds: 300 });
  });

  it('reads the away and gone periods of a client gone from an active chat (issue 15)', () => {
    expect(loadConfig({ TSUNAGARI_CLIENT_AWAY_S: '600', TSUNAGARI_CLIENT_GONE_S: '1200' }).routing).toEqual({ clientAwayMs: 600_000, clientGoneMs: 1_200_000 });
    expect(() => loadConfig({ TSUNAGARI_CLIENT_AWAY_S: '-1' })).toThrow(/TSUNAGARI_CLIENT_AWAY_S/);
    expect(() => loadConfig({ TSUNAGARI_CLIENT_GONE_S: 'later' })).toThrow(/TSUNAGARI_CLIENT_GONE_S/);
  });

  it('refuses what is not a positive number of seconds, naming the variable', () => {
    expect(() => loadConfig({ TSUNAGARI_OFFER_TIMEOUT_S: '0' })).toThrow(/TSUNAGARI_OFFER_TIMEOUT_S/);
    expect(() => loadConfig({ TSUNAGARI_CLIENT_GRACE_S: 'soon' })).toThrow(/TSUNAGARI_CLIENT_GRACE_S/);
  });
});

describe('configuration: test hooks', () => {
  it('are off unless asked for', () => {
    expect(loadConfig({ DEMO: '1' }).testHooks).toBe(false);
  });

  it('are on in a demo or test server that asks for them', () => {
    expect(loadConfig({ DEMO: '1', TSUNAGARI_TEST_HOOKS: '1' }).testHooks).toBe(true);
  });

  it('are refused by a production start: the relay would replay messages on request', () => {
    expect(() => loadConfig({ TSUNAGARI_TEST_HOOKS: '1' })).toThrow(/TSUNAGARI_TEST_HOOKS=1 .*DEMO=1/);
    expect(() => loadConfig({ DEMO: '0', TSUNAGARI_TEST_HOOKS: '1', PUBLIC_URL: 'https://relay.example' })).toThrow(/DEMO=1/);
  });
});

describe('configuration: limits (issue 14)', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadConfig({}).limits).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS.socketsPerCaller).toBe(20);
    expect(DEFAULT_LIMITS.outboundBufferBytes).toBe(1024 * 1024);
    expect(DEFAULT_LIMITS.waitingMessages).toBe(5);
    expect(DEFAULT_LIMITS.consultationBytes).toBe(1024 * 1024);
  });

  it('a demo allows more sockets from one machine, as it allows more starts', () => {
    expect(loadConfig({ DEMO: '1' }).limits.socketsPerCaller).toBe(200);
    expect(loadConfig({ DEMO: '1', TSUNAGARI_SOCKETS_PER_CALLER: '7' }).limits.socketsPerCaller).toBe(7);
  });

  it('reads one setting per limit', () => {
    const limits = loadConfig({
      TSUNAGARI_EVENT_BURST: '50',
      TSUNAGARI_EVENT_RATE: '5',
      TSUNAGARI_EVENT_REFUSALS: '3',
      TSUNAGARI_EVENT_BYTES_PER_POINT: '1024',
      TSUNAGARI_SOCKETS_PER_CALLER: '4',
      TSUNAGARI_OUTBOUND_BUFFER_BYTES: '65536',
      TSUNAGARI_WAITING_MESSAGES: '2',
      TSUNAGARI_CONSULTATION_BYTES: '100000',
      TSUNAGARI_CONSULTATION_MESSAGES: '300',
    }).limits;
    expect(limits).toEqual({
      events: { burst: 50, perSecond: 5, refusalsBeforeDisconnect: 3, bytesPerPoint: 1024 },
      socketsPerCaller: 4,
      outboundBufferBytes: 65536,
      waitingMessages: 2,
      consultationBytes: 100000,
      consultationMessages: 300,
    });
  });

  it('refuses a limit that is not a whole number of at least 1, naming the variable', () => {
    expect(() => loadConfig({ TSUNAGARI_SOCKETS_PER_CALLER: '0' })).toThrow(/TSUNAGARI_SOCKETS_PER_CALLER/);
    expect(() => loadConfig({ TSUNAGARI_EVENT_RATE: '2.5' })).toThrow(/TSUNAGARI_EVENT_RATE/);
    expect(() => loadConfig({ TSUNAGARI_CONSULTATION_BYTES: 'lots' })).toThrow(/TSUNAGARI_CONSULTATION_BYTES/);
  });
});

describe('configuration: caller networks', () => {
  it('tells callers apart by IPv4 /32 and IPv6 /64 unless told otherwise, within an address length', () => {
    expect(loadConfig({}).callerPrefixes).toEqual({ v4: 32, v6: 64 });
    expect(loadConfig({ TSUNAGARI_CALLER_PREFIX_V4: '24', TSUNAGARI_CALLER_PREFIX_V6: '56' }).callerPrefixes).toEqual({ v4: 24, v6: 56 });
    for (const [name, bad] of [['TSUNAGARI_CALLER_PREFIX_V4', '33'], ['TSUNAGARI_CALLER_PREFIX_V4', '0'], ['TSUNAGARI_CALLER_PREFIX_V6', '129'], ['TSUNAGARI_CALLER_PREFIX_V6', '/64']] as const) {
      expect(() => loadConfig({ [name]: bad }), `${name}=${bad}`).toThrow(new RegExp(name));
    }
  });
});

describe('configuration: open consultations and urgent starts per caller', () => {
  it('allows 2 open and 3 urgent starts an hour per caller network unless told otherwise; the demo has no open cap', () => {
    expect(loadConfig({})).toMatchObject({ openPerCaller: 2, urgentPerHour: 3 });
    expect(loadConfig({ DEMO: '1' }).openPerCaller).toBe(0);
    expect(loadConfig({ TSUNAGARI_OPEN_PER_CALLER: '4', TSUNAGARI_URGENT_PER_HOUR: '1' })).toMatchObject({ openPerCaller: 4, urgentPerHour: 1 });
    expect(() => loadConfig({ TSUNAGARI_OPEN_PER_CALLER: 'two' })).toThrow(/TSUNAGARI_OPEN_PER_CALLER/);
    expect(() => loadConfig({ TSUNAGARI_URGENT_PER_HOUR: '-1' })).toThrow(/TSUNAGARI_URGENT_PER_HOUR/);
  });
});

describe('configuration: the urgent-share alert', () => {
  it('reads its three settings into the routing options, and refuses what is out of range', () => {
    const env = { TSUNAGARI_URGENT_ALERT_MIN_WAITING: '10', TSUNAGARI_URGENT_ALERT_SHARE_PERCENT: '40', TSUNAGARI_URGENT_ALERT_WINDOW_MIN: '5' };
    expect(loadConfig(env).routing).toEqual({ urgentAlertMinWaiting: 10, urgentAlertSharePercent: 40, urgentAlertWindowMs: 300_000 });
    expect(() => loadConfig({ TSUNAGARI_URGENT_ALERT_SHARE_PERCENT: '100' })).toThrow(/TSUNAGARI_URGENT_ALERT_SHARE_PERCENT/);
    expect(() => loadConfig({ TSUNAGARI_URGENT_ALERT_MIN_WAITING: '0' })).toThrow(/TSUNAGARI_URGENT_ALERT_MIN_WAITING/);
  });
});

describe('configuration: silent waiting clients', () => {
  it('TSUNAGARI_CLIENT_SILENCE_MIN sets the minutes (0 turns it off); the default stays routing\'s own', () => {
    expect(loadConfig({}).routing.clientSilenceMs).toBeUndefined();
    expect(loadConfig({ TSUNAGARI_CLIENT_SILENCE_MIN: '45' }).routing.clientSilenceMs).toBe(45 * 60_000);
    expect(loadConfig({ TSUNAGARI_CLIENT_SILENCE_MIN: '0' }).routing.clientSilenceMs).toBe(0);
    expect(() => loadConfig({ TSUNAGARI_CLIENT_SILENCE_MIN: 'half an hour' })).toThrow(/TSUNAGARI_CLIENT_SILENCE_MIN/);
  });

  it('TSUNAGARI_CLIENT_SILENCE_ANSWER_MIN sets the minutes she has to answer 「まだお待ちですか？」 (0: not asked)', () => {
    expect(loadConfig({}).routing.clientSilenceAnswerMs).toBeUndefined();
    expect(loadConfig({ TSUNAGARI_CLIENT_SILENCE_ANSWER_MIN: '15' }).routing.clientSilenceAnswerMs).toBe(15 * 60_000);
    expect(loadConfig({ TSUNAGARI_CLIENT_SILENCE_ANSWER_MIN: '0' }).routing.clientSilenceAnswerMs).toBe(0);
    expect(loadConfig({ TSUNAGARI_CLIENT_SILENCE_MIN: '0.05', TSUNAGARI_CLIENT_SILENCE_ANSWER_MIN: '0.5' }).routing).toMatchObject({ clientSilenceMs: 3_000, clientSilenceAnswerMs: 30_000 });
    expect(() => loadConfig({ TSUNAGARI_CLIENT_SILENCE_ANSWER_MIN: '-1' })).toThrow(/TSUNAGARI_CLIENT_SILENCE_ANSWER_MIN/);
  });
});

describe('configuration: proof of work to start', () => {
  it('asks for a search of up to 10,000 counters, 10 times more from 30 waiting, unless told otherwise; 0 asks none', () => {
    expect(loadConfig({})).toMatchObject({ powCounter: 10_000, powFloodWaiting: 30 });
    expect(loadConfig({ TSUNAGARI_POW_COUNTER: '0', TSUNAGARI_POW_FLOOD_WAITING: '100' })).toMatchObject({ powCounter: 0, powFloodWaiting: 100 });
    expect(() => loadConfig({ TSUNAGARI_POW_COUNTER: 'hard' })).toThrow(/TSUNAGARI_POW_COUNTER/);
  });
});

describe('configuration for issue 14: logins, disk, demo database', () => {
  it('login limits default to the guard ones and take whole numbers from the environment', () => {
    const d = loadConfig({});
    expect([d.loginFreeFailures, d.loginBackoffMaxSeconds, d.loginFailuresPerNetwork, d.loginSlowDownMaxMs]).toEqual([5, 900, 20, 2000]);
    const set = loadConfig({ TSUNAGARI_LOGIN_FREE_FAILURES: '3', TSUNAGARI_LOGIN_BACKOFF_MAX_S: '60', TSUNAGARI_LOGIN_FAILURES_PER_NETWORK: '10', TSUNAGARI_LOGIN_SLOWDOWN_MAX_MS: '0' });
    expect([set.loginFreeFailures, set.loginBackoffMaxSeconds, set.loginFailuresPerNetwork, set.loginSlowDownMaxMs]).toEqual([3, 60, 10, 0]);
    expect(loginLimitsOf(set)).toEqual({ freeFailures: 3, backoffMaxSeconds: 60, failuresPerNetwork: 10, slowDownMaxMs: 0, refusalHoldMs: 1000, checkSpacingMs: 100 });
    expect(loginLimitsOf(loadConfig({ TSUNAGARI_LOGIN_REFUSAL_HOLD_MS: '0' })).refusalHoldMs).toBe(0);
    expect(() => loadConfig({ TSUNAGARI_LOGIN_REFUSAL_HOLD_MS: 'long' })).toThrow(/TSUNAGARI_LOGIN_REFUSAL_HOLD_MS/);
    expect(loginLimitsOf(loadConfig({ TSUNAGARI_LOGIN_CHECK_SPACING_MS: '0' })).checkSpacingMs).toBe(0);
    expect(() => loadConfig({ TSUNAGARI_LOGIN_CHECK_SPACING_MS: 'soon' })).toThrow(/TSUNAGARI_LOGIN_CHECK_SPACING_MS/);
    expect(() => loadConfig({ TSUNAGARI_LOGIN_FREE_FAILURES: '0' })).toThrow(/TSUNAGARI_LOGIN_FREE_FAILURES/);
    expect(() => loadConfig({ TSUNAGARI_LOGIN_SLOWDOWN_MAX_MS: 'lots' })).toThrow(/TSUNAGARI_LOGIN_SLOWDOWN_MAX_MS/);
  });

  it('verification threads: at least one', () => {
    expect(loadConfig({}).verifyThreads).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ TSUNAGARI_VERIFY_THREADS: '2' }).verifyThreads).toBe(2);
    expect(() => loadConfig({ TSUNAGARI_VERIFY_THREADS: '0' })).toThrow(/TSUNAGARI_VERIFY_THREADS/);
  });

  it('the disk alarm threshold is in MB, 1024 unless set', () => {
    expect(loadConfig({}).diskAlarmMb).toBe(1024);
    expect(loadConfig({ TSUNAGARI_DISK_ALARM_MB: '200' }).diskAlarmMb).toBe(200);
    expect(() => loadConfig({ TSUNAGARI_DISK_ALARM_MB: '-1' })).toThrow(/TSUNAGARI_DISK_ALARM_MB/);
  });

  it('the demo keeps its own database file, apart from the production default', () => {
    expect(loadConfig({ DEMO: '1' }).dbPath).toMatch(/data[\\/]demo\.sqlite$/);
    expect(loadConfig({}).dbPath).toMatch(/data[\\/]tsunagari\.db$/);
    expect(loadConfig({ DEMO: '1', TSUNAGARI_DB: '/tmp/x.db' }).dbPath).toBe('/tmp/x.db');
  });

  it('TSUNAGARI_DB names a SQLite file (the default) or a PostgreSQL server by its postgres:// URL (issue 17)', () => {
    expect(loadConfig({}).database).toEqual({ kind: 'sqlite', path: loadConfig({}).dbPath });
    expect(loadConfig({ TSUNAGARI_DB: '/tmp/x.db' }).database).toEqual({ kind: 'sqlite', path: '/tmp/x.db' });
    const url = 'postgres://relay:secret@db.internal:5432/tsunagari';
    expect(loadConfig({ TSUNAGARI_DB: url }).database).toEqual({ kind: 'postgres', url });
    expect(loadConfig({ TSUNAGARI_DB: 'postgresql://relay@10.0.0.5/tsunagari' }).database.kind).toBe('postgres');
    // The demo organisation's key file stays beside the default file.
    expect(loadConfig({ TSUNAGARI_DB: url }).dbPath).toMatch(/data[\\/]tsunagari\.db$/);
    // npm run cluster: every node's demo key files in the run's own folder, not the repository's data/.
    expect(loadConfig({ DEMO: '1', TSUNAGARI_DB: url, TSUNAGARI_DEMO_KEYS_DIR: '/tmp/cluster-x' }).demoOrgKeyFile).toMatch(/^\/tmp\/cluster-x\//);
    expect(loadConfig({ DEMO: '1', TSUNAGARI_DB: '/tmp/x.db', TSUNAGARI_DEMO_KEYS_DIR: '/tmp/cluster-x' }).dbPath).toBe('/tmp/x.db');
    expect(() => loadConfig({ TSUNAGARI_DB: 'postgres://db.internal' })).toThrow(/TSUNAGARI_DB/);
    expect(() => loadConfig({ TSUNAGARI_DB: 'postgres://[bad/x' })).toThrow(/TSUNAGARI_DB/);
  });

  it('the widget and the flyers name the program\'s own phone and mail unless told otherwise (issue 16)', () => {
    expect(loadConfig({}).alternatives).toEqual({ phone: '0836-37-5611', mail: 'ysnw2021@outlook.jp' });
    expect(loadConfig({ TSUNAGARI_MAIL: 'info@npo.example' }).alternatives.mail).toBe('info@npo.example');
  });
});

describe('configuration: the interview day (issue 16, the calendar)', () => {
  it('is Friday by default, any weekday by its short name, or none', () => {
    expect(loadConfig({}).interviewWeekday).toBe(5);
    expect(loadConfig({ TSUNAGARI_INTERVIEW_DAY: 'wed' }).interviewWeekday).toBe(3);
    expect(loadConfig({ TSUNAGARI_INTERVIEW_DAY: 'SUN' }).interviewWeekday).toBe(7);
    expect(loadConfig({ TSUNAGARI_INTERVIEW_DAY: 'any' }).interviewWeekday).toBeNull();
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => loadConfig({ TSUNAGARI_INTERVIEW_DAY: 'friday' })).toThrow(/TSUNAGARI_INTERVIEW_DAY/);
    expect(() => loadConfig({ TSUNAGARI_INTERVIEW_DAY: '5' })).toThrow(/TSUNAGARI_INTERVIEW_DAY/);
  });
});

describe('configuration: several nodes through Redis (issue 17)', () => {
  it('is one process when TSUNAGARI_REDIS_URL is unset or empty', () => {
    expect(loadConfig({}).redis).toBeNull();
    expect(loadConfig({ TSUNAGARI_REDIS_URL: '' }).redis).toBeNull();
  });

  it('takes a redis:// or rediss:// URL, or the absolute path of a Unix socket', () => {
    expect(loadConfig({ TSUNAGARI_REDIS_URL: 'redis://:secret@cache.internal:6379/0' }).redis).toEqual({ kind: 'url', url: 'redis://:secret@cache.internal:6379/0' });
    expect(loadConfig({ TSUNAGARI_REDIS_URL: 'rediss://cache.internal' }).redis?.kind).toBe('url');
    expect(loadConfig({ TSUNAGARI_REDIS_URL: '/run/redis/redis.sock' }).redis).toEqual({ kind: 'socket', path: '/run/redis/redis.sock' });
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['cache.internal:6379', 'http://cache.internal', 'redis.sock', 'redis://']) {
      expect(() => loadConfig({ TSUNAGARI_REDIS_URL: bad })).toThrow(/TSUNAGARI_REDIS_URL/);
    }
  });
});
