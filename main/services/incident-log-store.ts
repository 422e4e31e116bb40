import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEvent, type WarEvent } from '../../src/kinds/event.js';
import { ID_PATTERN } from '../../src/model/ids.js';
import { IncidentOrderFile } from './incident-order-file.js';

/** Something wrong found while replaying a log file: reported, never fatal. */
export interface LogIssue {
  line: number;
  reason: string;
  /** True when the line was a torn tail (a crash mid-write) and was cut from the file. */
  cut: boolean;
}

export interface ReplayedLog {
  events: WarEvent[];
  issues: LogIssue[];
  /** Bytes of the file that were read: pass to `readFrom` to pick up later appends by another process. */
  size: number;
}

interface PendingAppend {
  /** Encoded events, or lines as received (several pieces, written without joining them first). */
  text: string | readonly Uint8Array[];
  /** Told the byte offset the text was written at. */
  resolve: (offset: number) => void;
  reject: (e: unknown) => void;
}

/**
 * One append-only JSON-lines file per incident. An append resolves only after fsync; appends that arrive
 * while a write is in flight are group-committed together, one write and one fsync for the whole group.
 */
export class IncidentLogStore {
  private readonly files = new Map<string, LogFile>();
  private readonly orders = new Map<string, IncidentOrderFile>();
  /**
   * Set by close(): a write that comes later (a sync exchange still finishing) is refused rather than opening
   * a file nobody will close (Node then closes it on garbage collection, with a warning).
   */
  private closed = false;

  constructor(readonly dir: string) {}

  pathOf(incident: string): string {
    if (!ID_PATTERN.test(incident)) throw new Error(`"${incident}" is not a valid incident id`);
    return join(this.dir, `${incident}.jsonl`);
  }

  /** The incident's agreed order as a hub gave it out (incident-order-file.ts), beside its log. */
  order(incident: string): IncidentOrderFile {
    this.refuseIfClosed();
    let f = this.orders.get(incident);
    if (!f) this.orders.set(incident, (f = new IncidentOrderFile(this.pathOf(incident).replace(/\.jsonl$/, '.order'))));
    return f;
  }

  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return names
      .filter((n) => n.endsWith('.jsonl'))
      .map((n) => n.slice(0, -'.jsonl'.length))
      .filter((id) => ID_PATTERN.test(id));
  }

  async exists(incident: string): Promise<boolean> {
    return (await this.list()).includes(incident);
  }

  /** Replays a log. A torn last line is cut from the file (and reported); a bad line elsewhere is reported and skipped. */
  async read(incident: string): Promise<ReplayedLog> {
    const path = this.pathOf(incident);
    let buf: Buffer;
    try {
      buf = await readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], issues: [], size: 0 };
      throw e;
    }
    const replay = replayBuffer(buf, 0, 1, true);
    if (replay.tornAt !== null) {
      await this.file(incident).flush();
      await cutTornTail(path, replay.tornAt);
    }
    return { events: replay.events, issues: replay.issues, size: replay.tornAt ?? buf.length };
  }

  /** Events appended (by anyone, e.g. a CLI call) after `offset`; incomplete trailing bytes are left for later. */
  async readFrom(incident: string, offset: number): Promise<ReplayedLog> {
    const fh = await open(this.pathOf(incident), 'r').catch(() => null);
    if (!fh) return { events: [], issues: [], size: offset };
    try {
      const { size } = await fh.stat();
      if (size <= offset) return { events: [], issues: [], size: offset };
      const buf = Buffer.alloc(size - offset);
      await fh.read(buf, 0, buf.length, offset);
      const end = buf.lastIndexOf(0x0a) + 1;
      const replay = replayBuffer(buf.subarray(0, end), offset, 0, true);
      return { events: replay.events, issues: replay.issues, size: offset + end };
    } finally {
      await fh.close();
    }
  }

  /**
   * Replays a log a chunk at a time, telling `visit` each event with the byte offset and length of its line,
   * without holding the file or its events: how a hub indexes a room. A torn last line is cut, as in `read`.
   */
  async scan(incident: string, visit: (e: WarEvent, offset: number, bytes: number) => void): Promise<{ issues: LogIssue[]; size: number }> {
    const path = this.pathOf(incident);
    const fh = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (!fh) return { issues: [], size: 0 };
    const issues: LogIssue[] = [];
    let tornAt: number | null = null;
    let offset = 0;
    let line = 1;
    let carry = Buffer.alloc(0);
    try {
      const chunk = Buffer.allocUnsafe(SCAN_CHUNK_BYTES);
      for (;;) {
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, offset + carry.length);
        const eof = bytesRead === 0;
        const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
        const end = eof ? data.length : data.lastIndexOf(0x0a) + 1;
        const replay = replayBuffer(data.subarray(0, end), offset, line, eof, visit);
        issues.push(...replay.issues);
        line = replay.nextLine;
        tornAt = replay.tornAt;
        if (eof) break;
        // The chunk buffer is reused: keep a copy of the partial line that continues in the next read.
        carry = Buffer.from(data.subarray(end));
        offset += end;
      }
    } finally {
      await fh.close();
    }
    if (tornAt !== null) {
      await this.release(incident);
      await cutTornTail(path, tornAt);
    }
    return { issues, size: tornAt ?? offset + carry.length };
  }

  /** Appends events durably: resolves once they are on disk. */
  async append(incident: string, events: readonly WarEvent[]): Promise<void> {
    if (events.length > 0) await this.appendAt(incident, events);
  }

  /**
   * Appends events durably and resolves with the byte offset of the first one's line. The offset is right
   * when this store is the file's only writer (a hub's own data dir), not when an app and a CLI share a log.
   */
  async appendAt(incident: string, events: readonly WarEvent[]): Promise<number> {
    return this.appendTextAt(
      incident,
      events.map((e) => JSON.stringify(e)),
    );
  }

  /** appendAt for events already encoded, one JSON text each (no newline): the hub needs their lengths too. */
  async appendTextAt(incident: string, lines: readonly string[]): Promise<number> {
    return this.file(incident).append(lines.join('\n') + '\n');
  }

  /**
   * Appends events already serialised (JSON lines, each ending in a newline) durably: a catch-up writes the
   * lines as the hub sent them instead of encoding every event again. The caller has validated each line.
   */
  async appendLines(incident: string, lines: readonly Uint8Array[]): Promise<void> {
    if (lines.length > 0) await this.file(incident).append(lines);
  }

  /**
   * Moves the given lines (1-based) out of the log into a `.rejected-<time>` file beside it, so a log with
   * corrupt lines can be written again. Nothing is thrown away: a person can read the side file.
   */
  async setAside(incident: string, lineNumbers: readonly number[], now = Date.now()): Promise<string> {
    const path = this.pathOf(incident);
    await this.files.get(incident)?.close();
    this.files.delete(incident);
    const lines = (await readFile(path, 'utf8')).split('\n');
    const bad = new Set(lineNumbers);
    const rejectedPath = `${path}.rejected-${now}`;
    await writeFile(rejectedPath, lines.filter((_, i) => bad.has(i + 1)).join('\n') + '\n');
    const tmp = `${path}.tmp`;
    await writeFile(tmp, lines.filter((l, i) => !bad.has(i + 1) && l.trim() !== '').join('\n') + '\n', { flush: true });
    await rename(tmp, path);
    return rejectedPath;
  }

  /** Finishes the appends in flight to one log and closes its file: an idle room on a hub lets go of it. */
  async release(incident: string): Promise<void> {
    const f = this.files.get(incident);
    if (!f) return;
    this.files.delete(incident);
    await f.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.files.values(), ...this.orders.values()].map((f) => f.close()));
    this.files.clear();
    this.orders.clear();
  }

  private refuseIfClosed(): void {
    if (this.closed) throw new Error(`the incident logs in ${this.dir} are closed`);
  }

  private file(incident: string): LogFile {
    this.refuseIfClosed();
    let f = this.files.get(incident);
    if (!f) this.files.set(incident, (f = new LogFile(this.dir, this.pathOf(incident))));
    return f;
  }
}

/** Read size of `scan`: big enough that reads are cheap, small enough that a huge log never sits in memory. */
const SCAN_CHUNK_BYTES = 4 * 1024 * 1024;

class LogFile {
  private fh: FileHandle | null = null;
  /** The file's size as this handle has written it (known after open; unknown again after a failed write). */
  private end = 0;
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly dir: string,
    private readonly path: string,
  ) {}

  append(text: string | readonly Uint8Array[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ text, resolve, reject });
      this.flushing ??= this.drain();
    });
  }

  async flush(): Promise<void> {
    await this.flushing;
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.fh?.close();
    this.fh = null;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        const fh = await this.handle();
        // One write per group: with O_APPEND, lines from two processes (app and CLI) never interleave.
        const pieces = piecesOf(batch.map((p) => p.text));
        const start = this.end;
        const length = await writeAll(fh, pieces);
        await fh.datasync();
        this.end = start + length;
        let at = start;
        for (const p of batch) {
          p.resolve(at);
          at += typeof p.text === 'string' ? Buffer.byteLength(p.text) : p.text.reduce((n, b) => n + b.byteLength, 0);
        }
      } catch (e) {
        for (const p of batch) p.reject(e);
        // Part of the group may be on disk: reopen (and re-measure) before the next write.
        await this.fh?.close().catch(() => undefined);
        this.fh = null;
      }
    }
    this.flushing = null;
  }

  private async handle(): Promise<FileHandle> {
    if (this.fh) return this.fh;
    // Logs hold customer names and contacts: readable by their owner only.
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    this.fh = await open(this.path, 'a', 0o600);
    this.end = (await this.fh.stat()).size;
    // A new file's name must be durable too, or a crash can lose the whole incident.
    const dirHandle = await open(this.dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    return this.fh;
  }
}

/** A group's texts as pieces to write: events encoded here (strings, joined) and lines as received (bytes). */
function piecesOf(texts: readonly (string | readonly Uint8Array[])[]): Uint8Array[] {
  if (texts.every((t) => typeof t === 'string')) return [Buffer.from(texts.join(''))];
  return texts.flatMap((t) => (typeof t === 'string' ? [Buffer.from(t)] : t));
}

/**
 * Writes the pieces in one gathered write (no copy into one buffer first: a 1M catch-up's batch is ~130 MB),
 * going on after a short write. Resolves with the bytes written.
 */
async function writeAll(fh: FileHandle, pieces: readonly Uint8Array[]): Promise<number> {
  let rest = pieces.filter((p) => p.byteLength > 0);
  let total = 0;
  while (rest.length > 0) {
    let n = (await fh.writev(rest)).bytesWritten;
    if (n === 0) throw new Error('the disk took none of a write');
    total += n;
    let i = 0;
    while (i < rest.length && n >= rest[i]!.byteLength) n -= rest[i++]!.byteLength;
    rest = rest.slice(i);
    if (n > 0) rest[0] = rest[0]!.subarray(n);
  }
  return total;
}

interface BufferReplay {
  events: WarEvent[];
  /** The line number after the last one read. */
  nextLine: number;
  issues: LogIssue[];
  /** Byte offset to cut the file at, when its tail is torn. */
  tornAt: number | null;
}

/**
 * Replays the lines of `buf` (file bytes from `baseOffset`). `final`: the buffer ends at the end of the file,
 * so a last line that does not parse is a torn write. With `visit`, events go to it (with the offset and length
 * of their line) instead of into the returned list.
 */
function replayBuffer(
  buf: Buffer,
  baseOffset: number,
  firstLine: number,
  final: boolean,
  visit?: (e: WarEvent, offset: number, bytes: number) => void,
): BufferReplay {
  const events: WarEvent[] = [];
  const issues: LogIssue[] = [];
  let tornAt: number | null = null;
  let start = 0;
  let line = firstLine || 1;
  while (start < buf.length) {
    let end = buf.indexOf(0x0a, start);
    const complete = end !== -1;
    if (!complete) end = buf.length;
    const text = buf.toString('utf8', start, end).trim();
    const isLast = final && end >= buf.length - 1;
    if (text.length > 0) {
      let json: unknown;
      let parsed = true;
      try {
        json = JSON.parse(text);
      } catch {
        parsed = false;
      }
      if (!parsed && isLast) {
        // A crash mid-write leaves a torn tail: cut it so the next append starts on a clean line.
        tornAt = baseOffset + start;
        issues.push({ line, reason: 'incomplete last line (a write was interrupted); it was cut', cut: true });
      } else if (!parsed) {
        issues.push({ line, reason: 'not valid JSON; skipped', cut: false });
      } else {
        const result = parseEvent(json);
        if (!result.ok) issues.push({ line, reason: `${result.error}; skipped`, cut: false });
        else if (visit) visit(result.value, baseOffset + start, end - start);
        else events.push(result.value);
      }
    }
    start = end + 1;
    line++;
  }
  return { events, issues, tornAt, nextLine: line };
}

/**
 * Cuts a torn last line off a log, in the log itself and never through a symbolic link: a link planted in
 * the incidents folder would otherwise have the cut land on whatever file it points at.
 */
async function cutTornTail(path: string, at: number): Promise<void> {
  let fh: FileHandle;
  try {
    fh = await open(path, constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOOP') throw e;
    throw new Error(`${path} is a symbolic link, not a log: its torn last line was not cut; put the log file itself there`);
  }
  try {
    await fh.truncate(at);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
