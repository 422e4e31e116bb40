import { mkdir, open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { orderRangeSchema, signedHeadSchema, type OrderRange, type SignedHead } from '../../src/model/room-order.js';

/** One line of an order file: positions the hub gave out and, when it came with them, its signed head. */
const orderLineSchema = z.strictObject({ range: orderRangeSchema, head: signedHeadSchema.optional() });
export type OrderLine = z.infer<typeof orderLineSchema>;

export interface StoredOrder {
  /** The ids at positions 1, 2, ... as far as the file's ranges reach without a gap. */
  ids: string[];
  /** The last signed head the hub gave with them, if any. */
  head: SignedHead | null;
}

/**
 * An incident's agreed order as the hub gave it out: `<incident>.order` beside its log, JSON lines of ranges.
 * Written without fsync: what a crash loses is asked of the hub again (the log itself is what must be durable).
 * Positions are only ever added; a line that overlaps what came before must agree with it (the folder checks).
 */
export class IncidentOrderFile {
  private fh: Promise<FileHandle> | null = null;
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /** The order as stored; a torn last line (a crash mid-write) is cut. Unknown file: no order yet. */
  async read(): Promise<StoredOrder | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const { ids, head, validBytes } = parseOrderText(text);
    if (validBytes < Buffer.byteLength(text)) await truncate(this.path, validBytes);
    return { ids, head };
  }

  append(range: OrderRange, head?: SignedHead): Promise<void> {
    let text = '';
    for (let i = 0; i < range.ids.length; i += LINE_IDS) {
      const part = { from: range.from + i, ids: range.ids.slice(i, i + LINE_IDS) };
      const last = i + LINE_IDS >= range.ids.length;
      text += JSON.stringify(last && head ? { range: part, head } : { range: part }) + '\n';
    }
    const write = this.tail.then(async () => {
      // The first positions can come before the log's first line (a room just joined): make the folder too.
      this.fh ??= mkdir(dirname(this.path), { recursive: true, mode: 0o700 }).then(() => open(this.path, 'a', 0o600));
      const opening = this.fh;
      try {
        await (await opening).write(text);
      } catch (e) {
        // The next append opens afresh; this handle, if it opened, is closed rather than left to the collector.
        this.fh = null;
        await opening.then((fh) => fh.close()).catch(() => undefined);
        throw e;
      }
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.tail.catch(() => undefined);
    const fh = await this.fh?.catch(() => null);
    this.fh = null;
    await fh?.close();
  }
}

/**
 * An order file's text as positions and the last head; `validBytes`: how much of it reads (a torn, damaged or
 * gap-leaving line ends it, and everything after is asked of the hub again). Reads only: `verify` uses it too.
 */
export function parseOrderText(text: string): StoredOrder & { validBytes: number } {
  const ids: string[] = [];
  let head: SignedHead | null = null;
  let validBytes = 0;
  for (const raw of text.split('\n')) {
    const line = parseLine(raw);
    if (line === undefined || (line !== null && line.range.from > ids.length + 1)) break;
    validBytes += Buffer.byteLength(raw) + 1;
    if (line === null) continue;
    for (let i = ids.length + 1 - line.range.from; i < line.range.ids.length; i++) ids.push(line.range.ids[i]!);
    if (line.head) head = line.head;
  }
  return { ids, head, validBytes: Math.min(validBytes, Buffer.byteLength(text)) };
}

/** Ids per line: well under what orderRangeSchema allows, so a line always reads back. */
const LINE_IDS = 10_000;

/** undefined: not a line of this file (stop reading); null: an empty line. */
function parseLine(raw: string): OrderLine | null | undefined {
  if (raw.trim() === '') return null;
  try {
    const parsed = orderLineSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
