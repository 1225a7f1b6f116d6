import { API, PROGRAM_HOURS, type ProgramSettings, type WidgetStatus } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { call, clientSocket, connected, manualClock, next, send, signIn, startTestServer, type ClientSocket, type TestServer } from './harness.js';

/** Issue 16: the program's settings, changed by an admin in the console, applied without a restart. */
describe('program settings', () => {
  const servers: TestServer[] = [];
  const sockets: ClientSocket[] = [];
  const track = (s: ClientSocket) => (sockets.push(s), s);
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const s of servers.splice(0)) await s.stop();
  });
  // Monday 30 November 2026, 12:00 in Tokyo: open by the program's hours.
  const clock = manualClock('2026-11-30T12:00:00+09:00');
  const start = async (dir?: string) => {
    const server = await startTestServer({ clock, hours: PROGRAM_HOURS, retentionDays: 180, ...(dir ? { dir } : {}) });
    servers.push(server);
    return server;
  };
  const status = async (server: TestServer): Promise<WidgetStatus> => ((await (await fetch(server.url + API.widgetStatus)).json()) as { data: WidgetStatus }).data;
  const stored = (server: TestServer) => server.db.prepare('SELECT settings FROM program_settings').all() as { settings: string }[];
  const withHours = (s: ProgramSettings, open: string, close: string): ProgramSettings => ({ ...s, hours: { ...PROGRAM_HOURS, open, close } as ProgramSettings['hours'] });

  it('the first start stores the environment’s values; staff read them', async () => {
    const server = await start();
    const view = await call(track(await signIn(server, 'sato')), 'settings:get', {});
    expect(view).toEqual({
      settings: { hours: PROGRAM_HOURS, retentionDays: 180, longWaitAlertMinutes: 10, offerTimeoutSeconds: 30, clientGraceSeconds: 120, counselorGraceSeconds: 60 },
      contacts: { phone: '0836-37-5611', mail: 'ysnw2021@outlook.jp' },
    });
    expect(stored(server)).toHaveLength(1);
  });

  it('an admin closes the program early: the very next widget status and start obey, no restart; routing and retention take the new values', async () => {
    const server = await start();
    const admin = track(await signIn(server, 'chief'));
    const client = track(clientSocket(server));
    await connected(client);
    expect((await status(server)).open).toBe(true);

    const supervisor = track(await signIn(server, 'boss'));
    const { settings } = await call(admin, 'settings:get', {});
    const closedAtEleven = { ...withHours(settings, '09:00', '11:00'), retentionDays: 90, offerTimeoutSeconds: 45, clientGraceSeconds: 300, counselorGraceSeconds: 90, longWaitAlertMinutes: 20 };
    const pushed = next(supervisor, 'settings:changed');
    expect((await call(admin, 'settings:save', { settings: closedAtEleven })).settings).toEqual(closedAtEleven);
    // Open consoles are told at once (the board's long-wait alert follows).
    expect((await pushed).settings.longWaitAlertMinutes).toBe(20);

    const now = await status(server);
    expect(now.open).toBe(false);
    expect(now.nextOpening).toBe(new Date('2026-12-01T09:00:00+09:00').toISOString());
    expect(now.records.retentionDays).toBe(90);
    expect(await send(client, 'consultation:start', {})).toEqual({ ok: false, error: 'OUTSIDE_HOURS' });
    expect(server.app.services.routing.router.options.offerTimeoutMs).toBe(45_000);

    // Open again until 13:00: she can start at once.
    await call(admin, 'settings:save', { settings: withHours(closedAtEleven, '10:00', '13:00') });
    expect((await status(server)).open).toBe(true);
    expect((await send(client, 'consultation:start', {})).ok).toBe(true);
  });

  it('refuses values out of bounds or malformed with a coded error, and stores nothing', async () => {
    const server = await start();
    const admin = track(await signIn(server, 'chief'));
    const before = stored(server);
    const { settings } = await call(admin, 'settings:get', {});
    const bad: unknown[] = [
      withHours(settings, '20:00', '10:00'), // closes before it opens
      withHours(settings, '10:00', '24:00'),
      { ...settings, hours: { ...PROGRAM_HOURS, weekdays: [1, 8] } },
      { ...settings, hours: { ...PROGRAM_HOURS, weekdays: [] } },
      { ...settings, hours: { ...PROGRAM_HOURS, closures: ['02-30'] } },
      { ...settings, retentionDays: 0 },
      { ...settings, retentionDays: 1.5 },
      { ...settings, longWaitAlertMinutes: 100_000 },
      { ...settings, offerTimeoutSeconds: 1 },
      { ...settings, clientGraceSeconds: -5 },
      { ...settings, counselorGraceSeconds: '60' },
      { ...settings, extra: true },
    ];
    for (const s of bad) expect(await send(admin, 'settings:save', { settings: s }), JSON.stringify(s)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    expect(stored(server)).toEqual(before);
    expect((await call(admin, 'settings:get', {})).settings).toEqual(settings);
    expect((await status(server)).open).toBe(true);
  });

  it('a counselor or supervisor cannot save; a client cannot even read', async () => {
    const server = await start();
    const { settings } = await call(track(await signIn(server, 'chief')), 'settings:get', {});
    const before = stored(server);
    for (const who of ['sato', 'boss'] as const) {
      expect(await send(track(await signIn(server, who)), 'settings:save', { settings: withHours(settings, '10:00', '11:00') })).toEqual({ ok: false, error: 'FORBIDDEN' });
    }
    const client = track(clientSocket(server));
    await connected(client);
    expect(await send(client, 'settings:get', {})).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(stored(server)).toEqual(before);
  });

  it('a restart keeps the admin’s values, whatever the environment says now', async () => {
    const first = await start();
    const admin = track(await signIn(first, 'chief'));
    const { settings } = await call(admin, 'settings:get', {});
    const changed = { ...withHours(settings, '13:00', '17:00'), longWaitAlertMinutes: 25 };
    await call(admin, 'settings:save', { settings: changed });
    admin.disconnect();
    await first.stop();
    servers.splice(0);

    const second = await start(first.dir); // the environment still says 10:00–20:00
    expect((await call(track(await signIn(second, 'sato')), 'settings:get', {})).settings).toEqual(changed);
    expect((await status(second)).open).toBe(false); // 12:00, before 13:00
  });

  it('an admin changes the program’s phone and mail: the very next widget status answers them, a restart keeps them; bad ones and a counselor are refused, nothing changes', async () => {
    const first = await start();
    const admin = track(await signIn(first, 'chief'));
    const counselor = track(await signIn(first, 'sato'));
    const { settings } = await call(admin, 'settings:get', {});
    const contacts = { phone: '083-922-0000', mail: 'soudan@example.org' };
    const pushed = next(counselor, 'settings:changed');
    expect(await call(admin, 'settings:save', { settings, contacts })).toEqual({ settings, contacts });
    expect((await pushed).contacts).toEqual(contacts);
    expect((await status(first)).alternatives).toEqual(contacts);

    const before = stored(first);
    const bad: unknown[] = [
      { ...contacts, phone: '083-922-000' }, // 9 digits
      { ...contacts, phone: '+81-83-922-0000' },
      { ...contacts, phone: '0836--37-5611' },
      { ...contacts, phone: '０８３６-３７-５６１１' },
      { ...contacts, phone: '' },
      { ...contacts, mail: 'soudan' },
      { ...contacts, mail: 'soudan@' },
      { ...contacts, mail: '=HYPERLINK("x")@example.org' },
      { phone: contacts.phone },
      { ...contacts, fax: '083-922-0001' },
    ];
    for (const c of bad) expect(await send(admin, 'settings:save', { settings, contacts: c }), JSON.stringify(c)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    expect(await send(counselor, 'settings:save', { settings, contacts: { ...contacts, phone: '0836-00-0000' } })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(await send(track(await signIn(first, 'boss')), 'settings:save', { settings, contacts: { ...contacts, phone: '0836-00-0000' } })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect(stored(first)).toEqual(before);
    expect((await status(first)).alternatives).toEqual(contacts);
    // Saving the other settings alone keeps the phone and mail.
    await call(admin, 'settings:save', { settings: { ...settings, longWaitAlertMinutes: 15 } });
    expect((await call(admin, 'settings:get', {})).contacts).toEqual(contacts);

    admin.disconnect();
    await first.stop();
    servers.splice(0);
    const second = await start(first.dir); // the environment still says 0836-37-5611
    expect((await status(second)).alternatives).toEqual(contacts);
    expect((await call(track(await signIn(second, 'sato')), 'settings:get', {})).contacts).toEqual(contacts);
  });

  it('a database from before the phone and mail were settings takes the environment’s until an admin saves them', async () => {
    const first = await start();
    // As the row was stored before: the settings alone.
    first.db.prepare('UPDATE program_settings SET settings = json_remove(settings, \'$.contacts\')').run();
    await first.stop();
    servers.splice(0);
    const second = await start(first.dir);
    expect((await status(second)).alternatives).toEqual({ phone: '0836-37-5611', mail: 'ysnw2021@outlook.jp' });
  });
});
