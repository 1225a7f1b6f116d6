import { newSessionKey, sealEpochMessage } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, send, serverPerTest } from './harness.js';

describe('disk space', () => {
  const servers = serverPerTest();

  it('logs an alarm at start when free space is below the threshold, and none above it', async () => {
    const tight = await servers.start({ diskAlarmMb: Number.MAX_SAFE_INTEGER });
    expect(tight.logs.some((l) => l.includes('"event":"disk.low"'))).toBe(true);
    await tight.stop();
    const roomy = await servers.start({ diskAlarmMb: 0 });
    expect(roomy.logs.some((l) => l.includes('"event":"disk.low"'))).toBe(false);
    expect(roomy.logs.some((l) => l.includes('"event":"disk.ok"'))).toBe(true);
  });

  it('a write that finds the database full is refused with STORAGE_FULL and stores nothing of it; writes work again once there is room', async () => {
    // Every test client is 127.0.0.1: no start limit, so only the full file can refuse a start;
    // she writes hundreds of messages at machine speed while nobody answers, and up to 100 women
    // start from this one address: the waiting, event and per-caller socket budgets are lifted
    // (they have their own tests).
    const server = await servers.start({ startsPerHour: 0, limits: { waitingMessages: 1000, events: { burst: 1_000_000 }, socketsPerCaller: 1000 } });
    const woman = clientSocket(server);
    servers.track(woman);
    await connected(woman);
    const { consultationId } = await call(woman, 'consultation:start', {});
    const key = newSessionKey(server.sodium);
    const seal = (seq: number) => sealEpochMessage(server.sodium, key, { consultationId, senderRole: 'client', keyEpoch: 0, seq }, { kind: 'text', text: `${seq} ${'あ'.repeat(600)}` });
    const stored = () => (server.db.prepare('SELECT COUNT(*) AS n FROM message WHERE consultation_id = ?').get(consultationId) as { n: number }).n;

    // SQLite's own page limit makes the file full on purpose: the same SQLITE_FULL a full disk gives.
    const pages = server.db.pragma('page_count', { simple: true }) as number;
    server.db.pragma(`max_page_count = ${pages}`);
    let acked = 0;
    let refusal: string | null = null;
    let seq = 1;
    for (; seq <= 300 && refusal === null; seq++) {
      const ack = await send(woman, 'message:send', seal(seq));
      if (ack.ok) acked++;
      else refusal = ack.error;
    }
    expect(refusal).toBe('STORAGE_FULL');
    expect(stored()).toBe(acked);
    expect(server.logs.some((l) => l.includes('SqliteError'))).toBe(true);

    // A new consultation cannot be stored either: refused whole, nobody queued without a row.
    const rows = () => (server.db.prepare('SELECT COUNT(*) AS n FROM consultation').get() as { n: number }).n;
    const before = rows();
    let startRefusal: string | null = null;
    let started = 0;
    for (let i = 0; i < 100 && startRefusal === null; i++) {
      const other = clientSocket(server);
      servers.track(other);
      await connected(other);
      const ack = await send(other, 'consultation:start', {});
      if (ack.ok) started++;
      else startRefusal = ack.error;
    }
    expect(startRefusal).toBe('STORAGE_FULL');
    expect(rows()).toBe(before + started);

    // Room again (the operator freed space): the refused message goes through when she re-sends it.
    server.db.pragma('max_page_count = 1073741823');
    expect((await send(woman, 'message:send', seal(seq - 1))).ok).toBe(true);
    expect(stored()).toBe(acked + 1);
  });
});
