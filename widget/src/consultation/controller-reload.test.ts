import { describe, expect, test } from 'vitest';
import { CID, clock, flush, grantedFirst, RELOAD_WINDOW_MS, savedRecord, setup, snapshot, stored, TOKEN, chatting } from './controller-fakes.js';

/** Issue 15: a reload, not a restore — the record expires, and after a reload she chooses. */
describe('reload window', () => {
  test('a record past its expiry is removed before anything is shown, and nothing connects', async () => {
    const s = setup();
    s.kv.setItem('tsunagari-chat', savedRecord({ grant: grantedFirst }, clock.now));
    expect(s.ctrl.hasSaved()).toBe(false);
    expect(s.kv.map.size).toBe(0);
    expect(await s.ctrl.restore()).toBe(false);
    expect(s.load).not.toHaveBeenCalled();
    expect(s.ctrl.phase).toBe('idle');
  });

  test('inside the window the record is there; the clock passing the window makes it go', async () => {
    const s = setup();
    s.kv.setItem('tsunagari-chat', savedRecord({ grant: grantedFirst }));
    expect(s.ctrl.hasSaved()).toBe(true);
    const start = clock.now;
    try {
      clock.now = start + RELOAD_WINDOW_MS;
      expect(await s.ctrl.restore()).toBe(false);
      expect(s.kv.map.size).toBe(0);
    } finally {
      clock.now = start;
    }
  });

  test('the expiry moves on while the tab lives (the page being hidden or closed writes it again)', async () => {
    const s = await chatting();
    const start = clock.now;
    try {
      clock.now = start + 4 * 60_000;
      globalThis.dispatchEvent?.(new Event('pagehide'));
      // Without a window object (node), the controller's own refresh is what the listener calls.
      if (!globalThis.dispatchEvent) (s.ctrl as unknown as { keepFresh: () => void }).keepFresh();
      expect(JSON.parse(s.kv.map.get('tsunagari-chat') ?? '{}').until).toBe(clock.now + RELOAD_WINDOW_MS);
    } finally {
      clock.now = start;
    }
  });

  test('declining after a reload wipes the record at once, ends it on the server and shows none of it', async () => {
    const s = setup();
    s.kv.setItem('tsunagari-chat', savedRecord({ seq: 1, grant: grantedFirst }));
    s.socket.replies['consultation:resume'] = () => ({ ok: true, data: snapshot({ messages: [stored(1, 'client', 1, 'はじめ')] }) });
    const declined = s.ctrl.decline();
    expect(s.kv.map.size).toBe(0);
    await declined;
    s.socket.setStatus({ type: 'connected' });
    await flush();
    await flush();
    expect(s.socket.sent('consultation:resume')).toEqual([{ consultationId: CID, clientToken: TOKEN }]);
    expect(s.socket.sent('consultation:end')).toEqual([{ consultationId: CID }]);
    expect(s.ctrl.phase).toBe('ended');
    expect(s.ctrl.messages).toEqual([]);
    expect(s.kv.map.size).toBe(0);
    expect(s.socket.closed).toBe(true);
  });

  test.each(['RATE_LIMITED', 'FORBIDDEN'] as const)('declining when the server answers %s leaves her at the first screen, nothing kept', async (error) => {
    const s = setup();
    s.kv.setItem('tsunagari-chat', savedRecord({ grant: grantedFirst }));
    s.socket.replies['consultation:resume'] = () => ({ ok: false, error });
    await s.ctrl.decline();
    s.socket.setStatus({ type: 'connected' });
    await flush();
    await flush();
    expect(s.ctrl.phase).toBe('idle');
    expect(s.ctrl.error).toBeNull();
    expect(s.kv.map.size).toBe(0);
    expect(s.socket.closed).toBe(true);
  });
});
