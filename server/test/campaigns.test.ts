import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, send, serverPerTest, staffSocket, type ClientSocket, type TestServer } from './harness.js';

/**
 * Campaigns come from the admin's list: a start names one, and it is recorded under that name only
 * while it is on the list and active; otherwise as 'other', so a script cannot invent report columns.
 */
describe('the campaign list', () => {
  const servers = serverPerTest();
  async function socket(s: ClientSocket): Promise<ClientSocket> {
    servers.track(s);
    await connected(s);
    return s;
  }
  const recorded = async (server: TestServer, id: string) => ((await server.rows('SELECT campaign FROM consultation WHERE id = ?', id))[0] as { campaign: string | null }).campaign;
  const start = async (server: TestServer, campaign?: string) =>
    (await call(await socket(clientSocket(server)), 'consultation:start', campaign ? { campaign } : {})).consultationId;

  it('the admin adds, relabels and pauses campaigns; starts are recorded by the list as it stands', async () => {
    const server = await servers.start();
    const admin = await socket(staffSocket(server, await loginStaff(server, 'chief')));
    expect(await call(admin, 'campaign:list', {})).toEqual({ campaigns: [] });
    const saved = await call(admin, 'campaign:save', { name: 'ube-2026', label: '宇部市 駅のポスター', active: true });
    expect(saved.campaigns).toEqual([{ name: 'ube-2026', label: '宇部市 駅のポスター', active: true, updatedAt: expect.any(String) }]);

    expect(await recorded(server, await start(server, 'ube-2026'))).toBe('ube-2026');
    expect(await recorded(server, await start(server, 'made-up'))).toBe('other');
    expect(await recorded(server, await start(server))).toBeNull();

    await call(admin, 'campaign:save', { name: 'ube-2026', label: '宇部市 駅のポスター（終了）', active: false });
    expect(await recorded(server, await start(server, 'ube-2026'))).toBe('other');
    expect((await call(admin, 'campaign:list', {})).campaigns).toMatchObject([{ name: 'ube-2026', label: '宇部市 駅のポスター（終了）', active: false }]);
  });

  it('only an admin changes the list; the report’s own names and bad labels are refused and change nothing', async () => {
    const server = await servers.start();
    const admin = await socket(staffSocket(server, await loginStaff(server, 'chief')));
    const boss = await socket(staffSocket(server, await loginStaff(server, 'boss')));
    expect(await send(boss, 'campaign:save', { name: 'x-1', label: 'x', active: true })).toEqual({ ok: false, error: 'FORBIDDEN' });
    for (const bad of [{ name: 'web', label: 'x', active: true }, { name: 'other', label: 'x', active: true }, { name: 'Bad Name', label: 'x', active: true }, { name: 'ok-1', label: '  ', active: true }, { name: 'ok-1', label: 'x'.repeat(41), active: true }]) {
      expect(await send(admin, 'campaign:save', bad), JSON.stringify(bad)).toEqual({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    expect(await call(boss, 'campaign:list', {})).toEqual({ campaigns: [] });
  });
});
