import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { INVITE_ID_PATTERN } from './invite-token.js';

export const REVOKED_INVITES_FILE = 'revoked-invites.json';

const fileSchema = z.array(z.string().regex(INVITE_ID_PATTERN));

/**
 * Invites revoked one by one (`warroom invite --revoke ID` on the hub's machine). The running hub notices
 * the file change within a second, refuses new connections with a revoked invite and ends the open ones.
 */
export class RevokedInvites {
  private ids = new Set<string>();
  private mtimeMs = -1;
  private checkedAt = -Infinity;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  get path(): string {
    return join(this.dataDir, REVOKED_INVITES_FILE);
  }

  /** Whether `id` is revoked, as of the file at most a second ago. */
  async isRevoked(id: string | undefined): Promise<boolean> {
    if (id === undefined) return false;
    await this.refresh();
    return this.ids.has(id);
  }

  /** The answer from what was last read, without waiting: for checks on every request. */
  isRevokedNow(id: string | undefined): boolean {
    if (id === undefined) return false;
    void this.refresh();
    return this.ids.has(id);
  }

  async revoke(id: string): Promise<boolean> {
    await this.refresh(true);
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    await mkdir(this.dataDir, { recursive: true });
    const tmp = `${this.path}.tmp`;
    await writeFile(tmp, JSON.stringify([...this.ids].sort(), null, 2) + '\n', { mode: 0o600, flush: true });
    await rename(tmp, this.path);
    return true;
  }

  /** Re-reads the file if it changed (at most once a second); the hub calls it on a timer. */
  refresh(force = false): Promise<void> {
    if (!force && this.now() - this.checkedAt < 1_000) return this.reading ?? Promise.resolve();
    this.checkedAt = this.now();
    this.reading = (async () => {
      try {
        const st = await stat(this.path);
        if (st.mtimeMs === this.mtimeMs && !force) return;
        const parsed = fileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
        // A damaged file keeps what was read before: an unreadable list must not un-revoke anything.
        if (parsed.success) {
          this.ids = new Set(parsed.data);
          this.mtimeMs = st.mtimeMs;
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && !(e instanceof SyntaxError)) throw e;
      }
    })().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }
}
