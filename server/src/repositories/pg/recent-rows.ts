import pg from 'pg';
import type { Consultation } from '../../domain/types.js';
import { consultationFromRow } from '../consultations.js';
import type { Row } from './pool.js';

/** The channel every lifecycle change of a consultation row is announced on, with its id. */
export const CONSULTATION_CHANGED = 'consultation_changed';

/** Most rows kept: far more chats than a node holds at once; the oldest go first past it. */
const MOST_KEPT = 10_000;
/** After the listening connection is lost, how long before it is opened again (rows are read afresh meanwhile). */
const RELISTEN_MS = 1_000;

/**
 * Active chats' rows as this node last read them, for the sender check of `message:send` alone
 * (`ConsultationRepository.recent`). Without it every message cost a read of its chat's row
 * (in `bench --nodes 3`: one statement and one round trip to PostgreSQL a message, as many as the
 * message writes). Several nodes change rows, so a kept row is used only while this node hears
 * every change: each lifecycle UPDATE announces its row on {@link CONSULTATION_CHANGED}
 * (`pg_notify`, sent at its commit), and a dedicated connection LISTENs. An announcement carries
 * the row as committed (JSON: notifications arrive in commit order, so the last heard is the
 * newest) and every node keeps it if active, so a chat just assigned is kept on every node before
 * its first message (before, each node read each chat's row at its first message: in `bench --nodes
 * 3` ~1,700 reads bunched in the exchange's first seconds); one that carries only an id (the end)
 * drops it. A counselor whose chat moved or ended on another node is therefore checked against the
 * newest row from the moment this node hears of it (milliseconds; before, a message checked just
 * before the change and written after it was stored all the same). Without that connection
 * (before it is up, or once lost) nothing is kept and every check reads the row.
 */
export class RecentRows {
  private readonly rows = new Map<string, Consultation>();
  /** Per chat, the transaction of the last announcement heard of it (see {@link settle}). */
  private readonly lastHeard = new Map<string, number>();
  private listener: pg.Client | null = null;
  private starting: Promise<void> | null = null;
  /** Changes heard (and losses of the connection): a read begun before one is not kept. */
  private heard = 0;
  private closed = false;

  constructor(private readonly connectionString: string | undefined) {}

  /** The kept row, while changes are heard; starts listening on first use. */
  get(id: string): Consultation | null {
    if (!this.listener) {
      this.listen();
      return null;
    }
    return this.rows.get(id) ?? null;
  }

  /**
   * Starts listening if not yet (the repository calls it on any use): the node hears assignments
   * from its first start or read on, so the rows they carry are kept before the chats' first messages.
   */
  warm(): void {
    if (!this.listener) this.listen();
  }

  /** Whether changes are heard now (rows are kept only then). */
  get listening(): boolean {
    return this.listener !== null;
  }

  /** What `keep` compares: taken before the read whose row it will keep. */
  mark(): number {
    return this.heard;
  }

  /** Keeps an active chat's row read since `mark`, unless a change was heard meanwhile. */
  keep(row: Consultation, mark: number): Consultation {
    if (!this.listener || mark !== this.heard || row.status !== 'active') return row;
    this.set(row);
    return row;
  }

  /** This node changed the row: the next check reads it (the announcement will say so again). */
  drop<T>(id: string, written: T): T {
    this.heard++;
    this.rows.delete(id);
    return written;
  }

  /**
   * This node changed the row in transaction `tx` (undefined: it changed nothing, or cannot say).
   * Its announcement may already have been heard — it travels on another connection, and often
   * arrives before the write's own answer: then what is kept is that change's row or a newer one
   * (announcements arrive in commit order), and it stays. Otherwise the row is dropped as
   * {@link drop} does, until the announcement comes. Dropping it in both cases left the node that
   * assigned a chat without its row whenever the announcement won the race, so the first message
   * of most chats it assigned read the row again (`bench --nodes 3`: ~630 of 1,000 chats, reads
   * bunched at the exchange's start, each a round trip before that message's commit).
   */
  settle<T>(id: string, tx: number | undefined, written: T): T {
    if (tx !== undefined && this.listener && this.lastHeard.get(id) === tx) return written;
    return this.drop(id, written);
  }

  /** Stops listening (the pool is ending). */
  async close(): Promise<void> {
    this.closed = true;
    await this.starting;
    await this.forget(this.listener);
  }

  private listen(): void {
    if (this.starting || this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (n) => this.heardOf(n.payload ?? ''));
    client.on('error', () => void this.lost(client));
    client.on('end', () => void this.lost(client));
    this.starting = (async () => {
      await client.connect();
      await client.query(`LISTEN ${CONSULTATION_CHANGED}`);
      if (this.closed) return void (await client.end());
      this.listener = client;
    })().catch(() => this.lost(client));
  }

  /** An announcement: the row as committed (kept if active, else dropped), or an id alone (dropped). */
  private heardOf(payload: string): void {
    this.heard++;
    if (!payload.startsWith('{')) return void this.forgetRow(payload);
    let row: Consultation;
    let tx: unknown;
    try {
      const announced = JSON.parse(payload) as Row;
      row = consultationFromRow(announced);
      tx = announced.tx;
    } catch {
      // Not one of ours (the relay's statements alone announce here): trust nothing kept.
      this.lastHeard.clear();
      return this.rows.clear();
    }
    // Bounded as the rows are: the oldest go first (a change this old was settled long ago).
    if (typeof tx === 'number') keepBounded(this.lastHeard, row.id, tx);
    else this.lastHeard.delete(row.id);
    if (row.status === 'active' && this.listener) this.set(row);
    else this.rows.delete(row.id);
  }

  /** An end's announcement (the id alone): nothing kept of the chat, nor which change was heard last. */
  private forgetRow(id: string): void {
    this.rows.delete(id);
    this.lastHeard.delete(id);
  }

  private set(row: Consultation): void {
    keepBounded(this.rows, row.id, row);
  }

  /** The connection broke: nothing kept is trusted any more; listening again a moment later. */
  private async lost(client: pg.Client): Promise<void> {
    if (this.listener && this.listener !== client) return;
    await this.forget(client);
    if (!this.closed) setTimeout(() => void (this.starting = null), RELISTEN_MS).unref();
  }

  private async forget(client: pg.Client | null): Promise<void> {
    if (this.listener === client) this.listener = null;
    this.heard++;
    this.rows.clear();
    this.lastHeard.clear();
    await client?.end().catch(() => undefined);
  }
}

/** Sets `key` in a map kept to {@link MOST_KEPT} entries: the oldest goes first to make room. */
function keepBounded<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= MOST_KEPT && !map.has(key)) map.delete(map.keys().next().value as string);
  map.set(key, value);
}
