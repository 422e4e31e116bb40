import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ID_PATTERN } from '../../../src/model/ids.js';
import { writeFileAtomic } from '../../services/atomic-file.js';

export const PUBLIC_ROOMS_FILE = 'public-rooms.json';
const fileSchema = z.strictObject({ v: z.literal(1), rooms: z.record(z.string().regex(ID_PATTERN), z.number()) });

/**
 * The rooms that ever had their status-page visibility changed, with when: the ones the public page must fold
 * to know whether they are public. Kept in the hub's data dir so a restarted hub need not read every room;
 * which of them really are public, the fold says (a refused or later "private" event counts there).
 */
export class PublicRooms {
  private rooms = new Map<string, number>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string) {}

  static async load(dataDir: string, log: (line: string) => void = () => undefined): Promise<PublicRooms> {
    const index = new PublicRooms(join(dataDir, PUBLIC_ROOMS_FILE));
    const text = await readFile(index.path, 'utf8').catch(() => null);
    if (text !== null) {
      try {
        index.rooms = new Map(Object.entries(fileSchema.parse(JSON.parse(text)).rooms));
      } catch (e) {
        log(`${PUBLIC_ROOMS_FILE} is damaged (${(e as Error).message.slice(0, 200)}): it is rebuilt as rooms change`);
      }
    }
    return index;
  }

  /** The rooms most recently touched first, at most `limit`. */
  recent(limit: number): string[] {
    return [...this.rooms.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id]) => id);
  }

  has(room: string): boolean {
    return this.rooms.has(room);
  }

  /** Notes a room whose visibility changed now; written in the background, one write at a time. */
  touch(room: string, at: number): void {
    this.rooms.set(room, at);
    const text = JSON.stringify({ v: 1, rooms: Object.fromEntries(this.rooms) }) + '\n';
    this.writing = this.writing.then(() => writeFileAtomic(this.path, text, 0o600)).catch(() => undefined);
  }

  flushed(): Promise<void> {
    return this.writing;
  }
}
