import type pg from 'pg';

/**
 * The hub's tables in Postgres, as numbered migrations. Each runs once, in order, in its own transaction, and is
 * recorded in warroom_schema; a hub applies what is missing when it starts (several hubs starting at once wait
 * for one another on an advisory lock). Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'rooms, events, keys, invites',
    sql: `
      -- One row per room: its last position and the hash chain over its order up to there (src/model/room-order.ts).
      -- The row is also the room's write lock: a hub takes it FOR UPDATE before judging and storing a push.
      CREATE TABLE warroom_rooms (
        room text PRIMARY KEY,
        last_pos bigint NOT NULL DEFAULT 0,
        chain bytea NOT NULL
      );
      -- Each stored event at its position, as the JSON line the hub serves. A duplicate id and a fork (another
      -- event at an origin's seq) are refused here, whichever hub tries.
      CREATE TABLE warroom_events (
        room text NOT NULL REFERENCES warroom_rooms (room),
        pos bigint NOT NULL CHECK (pos > 0),
        id text NOT NULL,
        origin text NOT NULL,
        seq bigint NOT NULL,
        line text NOT NULL,
        PRIMARY KEY (room, pos),
        UNIQUE (room, id),
        UNIQUE (room, origin, seq)
      );
      -- What every hub must share: the secret that signs invites and the key that signs the order's heads.
      CREATE TABLE warroom_keys (
        name text PRIMARY KEY,
        value text NOT NULL
      );
      CREATE TABLE warroom_revoked_invites (
        id text PRIMARY KEY,
        revoked_at timestamptz NOT NULL DEFAULT now()
      );
      -- A personal invite's sub, bound to the first actor that used it.
      CREATE TABLE warroom_personal_invites (
        sub text PRIMARY KEY,
        actor text NOT NULL
      );
    `,
  },
];

/** An arbitrary constant: the advisory lock that keeps two hubs from migrating at once. */
const MIGRATION_LOCK = 7_311_001;

/** Brings the database's schema up to the newest migration; returns the versions it applied. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS warroom_schema (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM warroom_schema');
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    const known = MIGRATIONS[MIGRATIONS.length - 1]!.version;
    if (newest > known) {
      throw new Error(`the database's schema is version ${newest}, newer than this hub knows (${known}): update the hub`);
    }
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO warroom_schema (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
      }
      applied.push(m.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
