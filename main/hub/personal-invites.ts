import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const PERSONAL_INVITES_FILE = 'personal-invites.json';

const bindingsSchema = z.record(z.string().regex(/^p_[0-9a-z]{6,32}$/), z.string().min(1).max(64));

/**
 * A personal invite (a token with a `sub` claim) belongs to the first person who uses it: the hub binds
 * the claim to that actor id and refuses it to anyone else, so a forwarded or leaked token cannot be used
 * to post as its owner. Shared room tokens (no `sub`) stay as they are, for "paste the link in the channel".
 */
export class PersonalInvites {
  private constructor(
    private readonly path: string,
    private readonly bindings: Map<string, string>,
  ) {}

  static async load(dataDir: string): Promise<PersonalInvites> {
    const path = join(dataDir, PERSONAL_INVITES_FILE);
    let text: string | null = null;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const parsed = text === null ? { success: true as const, data: {} } : bindingsSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${path} is damaged: fix or delete it (personal invites then bind again on next use)`);
    return new PersonalInvites(path, new Map(Object.entries(parsed.data)));
  }

  /** Binds `sub` to `actorId` on first use; true when the actor may use it. */
  async claim(sub: string, actorId: string): Promise<boolean> {
    const owner = this.bindings.get(sub);
    if (owner !== undefined) return owner === actorId;
    this.bindings.set(sub, actorId);
    await mkdir(join(this.path, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.tmp`;
    await writeFile(tmp, JSON.stringify(Object.fromEntries(this.bindings), null, 2) + '\n', { mode: 0o600, flush: true });
    await rename(tmp, this.path);
    return true;
  }
}
