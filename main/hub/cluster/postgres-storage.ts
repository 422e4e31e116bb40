import pg from 'pg';
import type { WarEvent } from '../../../src/kinds/event.js';
import { extendChain, orderGenesis } from '../../identity/room-chain.js';
import type { LogIssue } from '../../services/incident-log-store.js';
import type { HubStorage, RoomWriter, SharedOrder, StoredRef } from '../hub-storage.js';
import { redactUrl } from './cluster-settings.js';
import { migrate } from './postgres-schema.js';

/** Rows per query when a room is read whole: a long room never sits in memory as rows. */
const SCAN_PAGE = 2_000;

/**
 * Rooms in Postgres, shared by every hub that points at the same database. The room's row is its lock: a hub
 * takes it (SELECT ... FOR UPDATE) before it judges a push, reads what other hubs stored since it last looked,
 * stores the push at the next positions and commits; only then is the push acknowledged. Positions, the chain
 * over them and the uniqueness of ids and of (origin, seq) all live in the database, so whichever hub a peer
 * reaches, the order is one and a fork is refused.
 */
export class PostgresHubStorage implements HubStorage {
  readonly shared: SharedOrder;

  private constructor(readonly pool: pg.Pool) {
    this.shared = {
      write: (room, work) => this.write(room, work),
      scanAfter: (room, after, visit) => this.scanFrom(pool, room, after, visit),
    };
  }

  /** Connects (a pool) and brings the schema up to date. */
  static async open(url: string, options: { max?: number } = {}): Promise<PostgresHubStorage> {
    // Pipelined (node-postgres sends a query without waiting for the one before): a write sends BEGIN with its
    // lock, and its rows with the COMMIT, in one round trip each.
    const config: pg.PoolConfig & { pipeline: boolean } = {
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: 10_000,
      pipeline: true,
    };
    const pool = new pg.Pool(config);
    // An idle connection that breaks (the server restarted) must not take the hub down: the next query reconnects.
    pool.on('error', () => undefined);
    try {
      await migrate(pool);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new Error(`cannot use the database ${redactUrl(url)}: ${(e as Error).message}`);
    }
    return new PostgresHubStorage(pool);
  }

  async listRooms(): Promise<string[]> {
    const { rows } = await this.pool.query<{ room: string }>('SELECT room FROM warroom_rooms WHERE last_pos > 0 ORDER BY room');
    return rows.map((r) => r.room);
  }

  async loadRoom(room: string): Promise<{ events: WarEvent[]; issues: LogIssue[] }> {
    const events: WarEvent[] = [];
    await this.scanFrom(this.pool, room, 0, (e) => events.push(e));
    return { events, issues: [] };
  }

  async scanRoom(room: string, visit: (e: WarEvent, ref: StoredRef) => void): Promise<{ issues: LogIssue[] }> {
    await this.scanFrom(this.pool, room, 0, visit);
    return { issues: [] };
  }

  async readEvents(room: string, refs: readonly StoredRef[]): Promise<WarEvent[]> {
    return (await this.linesAt(room, refs)).map((line, i) => parseLine(line, room, refs[i]!.at));
  }

  async readLines(room: string, refs: readonly StoredRef[]): Promise<Buffer> {
    const lines = await this.linesAt(room, refs);
    return Buffer.from(lines.length === 0 ? '' : lines.join('\n') + '\n');
  }

  append(room: string, events: readonly WarEvent[]): Promise<StoredRef[]> {
    if (events.length === 0) return Promise.resolve([]);
    return this.write(room, (tx) => tx.append(events));
  }

  async releaseRoom(): Promise<void> {
    // Nothing is held per room: every query takes a pooled connection and gives it back.
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /**
   * Two round trips to the database whatever the write holds: BEGIN with the room's row (made if new, and locked
   * until the commit by the upsert's update), then every row the write appended, the room's new end and COMMIT.
   * Rows are kept here until then, so a group of pushes costs no round trip per push. Reading what other hubs
   * stored costs a third only when the room's end moved since this hub looked.
   */
  private async write<T>(room: string, work: (tx: RoomWriter) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let unusable: Error | undefined;
    try {
      const [, locked] = await Promise.all([
        client.query('BEGIN'),
        client.query<{ last_pos: string; chain: Buffer }>(
          `INSERT INTO warroom_rooms (room, chain) VALUES ($1, $2)
           ON CONFLICT (room) DO UPDATE SET room = EXCLUDED.room RETURNING last_pos, chain`,
          [room, orderGenesis(room)],
        ),
      ]);
      const before = Number(locked.rows[0]!.last_pos);
      const rows = new PendingRows(room, before, locked.rows[0]!.chain);
      const tx: RoomWriter = {
        // Stored up to `before` when the lock was taken; what this write appended is in `rows`, not yet sent.
        scanAfter: (after, visit) => (after >= before ? Promise.resolve() : this.scanFrom(client, room, after, visit, before)),
        append: (events) => Promise.resolve(rows.add(events)),
      };
      const result = await work(tx);
      await Promise.all([...rows.queries(client), client.query('COMMIT')]);
      return result;
    } catch (e) {
      // A connection whose transaction cannot even be rolled back (the server went away) is not reused.
      await client.query('ROLLBACK').catch((rollback: Error) => (unusable = rollback));
      throw refusalOf(e, room);
    } finally {
      client.release(unusable);
    }
  }

  /** Visits the room's events after `after` in position order, a page of rows at a time (up to `until` if given). */
  private async scanFrom(
    db: pg.Pool | pg.PoolClient,
    room: string,
    after: number,
    visit: (e: WarEvent, ref: StoredRef) => void,
    until = Number.MAX_SAFE_INTEGER,
  ): Promise<void> {
    let from = after;
    for (;;) {
      const { rows } = await db.query<{ pos: string; line: string }>(
        'SELECT pos, line FROM warroom_events WHERE room = $1 AND pos > $2 AND pos <= $3 ORDER BY pos LIMIT $4',
        [room, from, until, SCAN_PAGE],
      );
      for (const row of rows) {
        const pos = Number(row.pos);
        // Positions are given in commit order with no gap: a gap means rows were removed by hand.
        if (pos !== from + 1) throw new Error(`room ${room} has no event at position ${from + 1} (the next stored is ${pos})`);
        visit(parseLine(row.line, room, pos), { at: pos, bytes: Buffer.byteLength(row.line) });
        from = pos;
      }
      if (rows.length < SCAN_PAGE) return;
    }
  }

  private async linesAt(room: string, refs: readonly StoredRef[]): Promise<string[]> {
    if (refs.length === 0) return [];
    const { rows } = await this.pool.query<{ pos: string; line: string }>(
      'SELECT pos, line FROM warroom_events WHERE room = $1 AND pos = ANY($2::bigint[])',
      [room, refs.map((r) => r.at)],
    );
    const byPos = new Map(rows.map((r) => [Number(r.pos), r.line]));
    return refs.map((r) => {
      const line = byPos.get(r.at);
      if (line === undefined) throw new Error(`room ${room} has no event at position ${r.at}`);
      return line;
    });
  }
}

/** A write the database refused (a duplicate id, a fork): the transaction is rolled back, the connection is fine. */
export class DatabaseRefusal extends Error {}

/** What a write appended, kept until its commit: the rows, where the room then ends, and its chain there. */
class PendingRows {
  private events: WarEvent[] = [];
  private lines: string[] = [];
  private last: number;

  constructor(
    private readonly room: string,
    private readonly before: number,
    private chain: Buffer,
  ) {
    this.last = before;
  }

  add(events: readonly WarEvent[]): StoredRef[] {
    const lines = events.map((e) => JSON.stringify(e));
    const refs = lines.map((line, i) => ({ at: this.last + 1 + i, bytes: Buffer.byteLength(line) }));
    for (const e of events) this.chain = extendChain(this.chain, e);
    this.events.push(...events);
    this.lines.push(...lines);
    this.last += events.length;
    return refs;
  }

  /** The rows and the room's new end, sent together (nothing when nothing was appended). */
  queries(client: pg.PoolClient): Promise<unknown>[] {
    if (this.events.length === 0) return [];
    const { room, events, lines, before } = this;
    return [
      client.query(
        `INSERT INTO warroom_events (room, pos, id, origin, seq, line)
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[])`,
        [room, events.map((_, i) => before + 1 + i), events.map((e) => e.id), events.map((e) => e.origin), events.map((e) => e.seq), lines],
      ),
      client.query('UPDATE warroom_rooms SET last_pos = $2, chain = $3 WHERE room = $1', [room, this.last, this.chain]),
    ];
  }
}

/** A write the database refused (a duplicate id, a fork) as the hub says it; anything else as it came. */
function refusalOf(e: unknown, room: string): unknown {
  if ((e as { code?: string }).code !== '23505') return e;
  const which = (e as { constraint?: string }).constraint ?? '';
  return new DatabaseRefusal(
    which.includes('origin')
      ? `the database refused the write: another event already holds one of these origins' seqs in ${room}`
      : `the database refused the write: ${room} already holds one of these event ids`,
  );
}

function parseLine(line: string, room: string, pos: number): WarEvent {
  try {
    return JSON.parse(line) as WarEvent;
  } catch {
    throw new Error(`the event at position ${pos} of ${room} in the database is not valid JSON`);
  }
}
