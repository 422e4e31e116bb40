import { mkdir, open, readdir, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEvent, type WarEvent } from '../../src/model/envelope.js';
import { ID_PATTERN } from '../../src/model/ids.js';

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
  text: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * One append-only JSON-lines file per incident. An append resolves only after fsync; appends that arrive
 * while a write is in flight are group-committed together, one write and one fsync for the whole group.
 */
export class IncidentLogStore {
  private readonly files = new Map<string, LogFile>();

  constructor(readonly dir: string) {}

  pathOf(incident: string): string {
    if (!ID_PATTERN.test(incident)) throw new Error(`"${incident}" is not a valid incident id`);
    return join(this.dir, `${incident}.jsonl`);
  }

  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return names.filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -'.jsonl'.length)).filter((id) => ID_PATTERN.test(id));
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
    const replay = replayBuffer(buf, 0, 1);
    if (replay.tornAt !== null) {
      await this.file(incident).flush();
      await truncate(path, replay.tornAt);
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
      const replay = replayBuffer(buf.subarray(0, end), offset, 0);
      return { events: replay.events, issues: replay.issues, size: offset + end };
    } finally {
      await fh.close();
    }
  }

  /** Appends events durably: resolves once they are on disk. */
  append(incident: string, events: readonly WarEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const text = events.map((e) => JSON.stringify(e) + '\n').join('');
    return this.file(incident).append(text);
  }

  async close(): Promise<void> {
    await Promise.all([...this.files.values()].map((f) => f.close()));
    this.files.clear();
  }

  private file(incident: string): LogFile {
    let f = this.files.get(incident);
    if (!f) this.files.set(incident, (f = new LogFile(this.dir, this.pathOf(incident))));
    return f;
  }
}

class LogFile {
  private fh: FileHandle | null = null;
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly dir: string,
    private readonly path: string,
  ) {}

  append(text: string): Promise<void> {
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
        const buf = Buffer.from(batch.map((p) => p.text).join(''));
        let written = 0;
        while (written < buf.length) written += (await fh.write(buf, written)).bytesWritten;
        await fh.datasync();
        for (const p of batch) p.resolve();
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
    this.flushing = null;
  }

  private async handle(): Promise<FileHandle> {
    if (this.fh) return this.fh;
    // Logs hold customer names and contacts: readable by their owner only.
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    this.fh = await open(this.path, 'a', 0o600);
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

interface BufferReplay {
  events: WarEvent[];
  issues: LogIssue[];
  /** Byte offset to cut the file at, when its tail is torn. */
  tornAt: number | null;
}

function replayBuffer(buf: Buffer, baseOffset: number, firstLine: number): BufferReplay {
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
    const isLast = end >= buf.length - 1;
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
        if (result.ok) events.push(result.value);
        else issues.push({ line, reason: `${result.error}; skipped`, cut: false });
      }
    }
    start = end + 1;
    line++;
  }
  return { events, issues, tornAt };
}
