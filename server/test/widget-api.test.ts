import { API, PROGRAM_HOURS, type WidgetStatus } from '@tsunagari/shared';
import { DEFAULT_RETENTION_DAYS } from '../src/domain/retention.js';
import {
  deriveResumeKeys,
  newResumeCode,
  newSessionKey,
  parseResumeCode,
  sealEpochMessage,
  unwrapSessionKeys,
  wrapSessionKeys,
} from '@tsunagari/shared/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { call, clientSocket, connected, manualClock, send, startTestServer, type ClientSocket, type TestServer } from './harness.js';


describe('what the widget needs from the server', () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];
  const open = async (): Promise<ClientSocket> => {
    const s = clientSocket(server);
    sockets.push(s);
    await connected(s);
    return s;
  };
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.stop();
    server.cleanup();
  });

  it('outside opening hours: says when it next opens and refuses to queue, whatever the client sends', async () => {
    const clock = manualClock('2026-11-28T12:00:00+09:00'); // a Saturday
    server = await startTestServer({ clock, hours: PROGRAM_HOURS });
    const res = await fetch(server.url + API.widgetStatus);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({
      ok: true,
      data: {
        open: false,
        nextOpening: '2026-11-30T01:00:00.000Z',
        alternatives: { phone: '0836-37-5611', mail: 'ysnw2021@outlook.jp' },
        records: { retentionDays: DEFAULT_RETENTION_DAYS, resumeCodeDays: 30 },
      },
    });
    const client = await open();
    expect(await send(client, 'consultation:start', { urgent: true })).toEqual({ ok: false, error: 'OUTSIDE_HOURS' });
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM consultation').get()).toEqual({ n: 0 });

    clock.set('2026-11-30T10:00:00+09:00'); // Monday, opening time
    expect(((await (await fetch(server.url + API.widgetStatus)).json()) as { data: { open: boolean } }).data.open).toBe(true);
    expect((await call(client, 'consultation:start', {})).position).toBe(1);
  });

  it('tells the widget what the relay keeps, as configured (its 「このチャットについて」 page shows these figures)', async () => {
    server = await startTestServer({ retentionDays: 45 });
    const status = ((await (await fetch(server.url + API.widgetStatus)).json()) as { data: WidgetStatus }).data;
    expect(status.records).toEqual({ retentionDays: 45, resumeCodeDays: 30 });
  });

  it('records the campaign code, and only that, from the QR landing page (the demo relay serves it)', async () => {
    server = await startTestServer({ demo: true, campaigns: ['flyer-2026'] });
    const page = await fetch(`${server.url}/c/flyer-2026?lang=en`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('campaign="flyer-2026"');
    expect(html).toContain('mode="fullscreen"');
    expect(html).toContain('lang="en"');
    expect(html).toContain(`org-key="${server.orgPublicKey}"`);
    expect(html).toContain('<title>お知らせ</title>');
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src ' + server.url + '/widget/ ');
    expect((await fetch(`${server.url}/c/Not%20A%20Code`)).status).toBe(404);
    expect((await fetch(`${server.url}/exit`)).status).toBe(200);

    const client = await open();
    const { consultationId } = await call(client, 'consultation:start', { campaign: 'flyer-2026' });
    expect(server.db.prepare('SELECT campaign FROM consultation WHERE id = ?').get(consultationId)).toEqual({ campaign: 'flyer-2026' });
    // A name not on the admin's list still opens the chat, and is recorded as 'other'.
    expect((await fetch(`${server.url}/c/made-up-by-a-script`)).status).toBe(200);
    const unknown = await call(await open(), 'consultation:start', { campaign: 'made-up-by-a-script' });
    expect(server.db.prepare('SELECT campaign FROM consultation WHERE id = ?').get(unknown.consultationId)).toEqual({ campaign: 'other' });
  });

  it('outside the demo, the relay serves no pages: the landing page, the demo page and the console come from the NPO', async () => {
    server = await startTestServer();
    for (const page of ['/c/flyer-2026', '/demo/', '/exit', '/console/', '/console/index.html', '/']) {
      expect((await fetch(server.url + page, { redirect: 'manual' })).status, page).toBe(404);
    }
    expect((await fetch(server.url + API.widgetStatus)).status).toBe(200);
  });

  it('resume code: continue on another device with history; the old device and expired codes are refused', async () => {
    const clock = manualClock('2026-11-30T11:00:00+09:00');
    server = await startTestServer({ clock });
    const sodium = server.sodium;
    const first = await open();
    const { consultationId, clientToken } = await call(first, 'consultation:start', {});
    const sessionKey = newSessionKey(sodium);
    await call(first, 'message:send', sealEpochMessage(sodium, sessionKey, { consultationId, senderRole: 'client', keyEpoch: 0, seq: 1 }, { kind: 'text', text: 'また来ます' }));

    const code = newResumeCode(sodium);
    const keys = deriveResumeKeys(sodium, parseResumeCode(code) as Uint8Array);
    const { expiresAt } = await call(first, 'resume:create', { consultationId, lookup: keys.lookup, wrappedKey: wrapSessionKeys(sodium, keys.wrapKey, [sessionKey]) });
    expect(expiresAt).toBe(new Date('2026-12-30T11:00:00+09:00').toISOString());
    const row = server.db.prepare('SELECT * FROM resume_code').get() as Record<string, string>;
    expect(row.lookup_hash).not.toBe(keys.lookup); // only a hash of the lookup is stored
    first.disconnect();

    // Days later, another phone: she types the code (sloppily).
    clock.set('2026-12-10T15:00:00+09:00');
    const typed = deriveResumeKeys(sodium, parseResumeCode(code.toLowerCase().replace(/-/g, ' ')) as Uint8Array);
    const other = await open();
    const opened = await call(other, 'resume:open', { lookup: typed.lookup });
    expect(opened.consultationId).toBe(consultationId);
    expect(unwrapSessionKeys(sodium, typed.wrapKey, opened.wrappedKey)).toEqual([sessionKey]);
    expect(opened.snapshot.messages).toHaveLength(1);
    // The socket is now hers: she can go on writing.
    await call(other, 'message:send', sealEpochMessage(sodium, sessionKey, { consultationId, senderRole: 'client', keyEpoch: 0, seq: 2 }, { kind: 'text', text: '続きです' }));
    // The phone she left behind cannot reattach with its old token; the new one works.
    const stale = await open();
    expect(await send(stale, 'consultation:resume', { consultationId, clientToken })).toEqual({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    expect((await call(stale, 'consultation:resume', { consultationId, clientToken: opened.clientToken })).messages).toHaveLength(2);

    clock.set('2027-01-01T11:00:00+09:00'); // past 30 days
    const late = await open();
    expect(await send(late, 'resume:open', { lookup: typed.lookup })).toEqual({ ok: false, error: 'UNKNOWN_CONSULTATION' });
    const wrong = deriveResumeKeys(sodium, parseResumeCode(newResumeCode(sodium)) as Uint8Array);
    expect(await send(late, 'resume:open', { lookup: wrong.lookup })).toEqual({ ok: false, error: 'UNKNOWN_CONSULTATION' });
  });
});
