import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { Signer } from '../../identity/event-signature.js';

// What every hub on one database must share besides the rooms: the secret that signs invites (an invite made
// for the cluster works on each hub), the key that signs the order's heads (a peer holds a room to the first hub
// key it sees, so every hub must speak with the same one), revocations and personal invites' owners.

/** The value stored under `name`, made by `make` if no hub made one yet (the first hub to store it wins). */
async function sharedValue(pool: pg.Pool, name: string, make: () => string): Promise<string> {
  await pool.query('INSERT INTO warroom_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, make()]);
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM warroom_keys WHERE name = $1', [name]);
  return rows[0]!.value;
}

/** The secret that signs invite tokens, as every hub on this database uses it. */
export async function sharedInviteSecret(pool: pg.Pool): Promise<Buffer> {
  const hex = await sharedValue(pool, 'invite-secret', () => randomBytes(32).toString('hex'));
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('the invite secret in the database is damaged: delete its row to make a new one');
  return Buffer.from(hex, 'hex');
}

/** The key that signs every room's order heads, as every hub on this database uses it. */
export async function sharedHubKey(pool: pg.Pool): Promise<Signer> {
  const text = await sharedValue(pool, 'order-key', () =>
    generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  );
  try {
    return Signer.fromPkcs8(Buffer.from(text, 'base64'));
  } catch {
    throw new Error('the hub key in the database is damaged: peers hold rooms to it, so restore it from a backup');
  }
}

/** What the hub asks of its list of revoked invites (the file one, RevokedInvites, has the same shape). */
export interface RevocationList {
  isRevoked(id: string | undefined): Promise<boolean>;
  isRevokedNow(id: string | undefined): boolean;
  revoke(id: string): Promise<boolean>;
  refresh(force?: boolean): Promise<void>;
}

/** Revoked invites in the database: every hub reads the list again each second and ends the connections it names. */
export class PostgresRevokedInvites implements RevocationList {
  private ids = new Set<string>();
  private checkedAt = -Infinity;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async isRevoked(id: string | undefined): Promise<boolean> {
    if (id === undefined) return false;
    await this.refresh();
    return this.ids.has(id);
  }

  isRevokedNow(id: string | undefined): boolean {
    if (id === undefined) return false;
    void this.refresh().catch(() => undefined);
    return this.ids.has(id);
  }

  async revoke(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('INSERT INTO warroom_revoked_invites (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [id]);
    this.ids.add(id);
    return rowCount === 1;
  }

  refresh(force = false): Promise<void> {
    if (this.reading) return this.reading;
    if (!force && this.now() - this.checkedAt < 1_000) return Promise.resolve();
    this.checkedAt = this.now();
    // An unreadable list keeps what was read before: a database hiccup must not un-revoke anything.
    this.reading = this.pool
      .query<{ id: string }>('SELECT id FROM warroom_revoked_invites')
      .then(({ rows }) => {
        this.ids = new Set(rows.map((r) => r.id));
      })
      .finally(() => (this.reading = null));
    return this.reading;
  }
}

/** Personal invites' owners in the database: the first actor to use one owns it on every hub. */
export class PostgresPersonalInvites {
  constructor(private readonly pool: pg.Pool) {}

  async claim(sub: string, actorId: string): Promise<boolean> {
    await this.pool.query('INSERT INTO warroom_personal_invites (sub, actor) VALUES ($1, $2) ON CONFLICT (sub) DO NOTHING', [sub, actorId]);
    const { rows } = await this.pool.query<{ actor: string }>('SELECT actor FROM warroom_personal_invites WHERE sub = $1', [sub]);
    return rows[0]?.actor === actorId;
  }
}
