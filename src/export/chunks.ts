/**
 * Writers produce their document as a sequence of string chunks (a generator), so a million-event export can go
 * to a file piece by piece instead of being built as one string that does not fit in memory. Joining the chunks
 * gives exactly the text the writer always wrote: the string functions are now `joinChunks(writerChunks(...))`.
 */

/** About how many characters a chunk holds before it is handed out: big enough that writes stay cheap. */
export const CHUNK_CHARS = 64 * 1024;

export type Chunks = Iterable<string>;

/** The whole document as one string (small exports, tests, the PDF path). */
export function joinChunks(chunks: Chunks): string {
  let out = '';
  for (const c of chunks) out += c;
  return out;
}

/**
 * Lines gathered until they make a chunk. Each chunk is `lines.join(eol) + eol`, so the chunks of a document
 * concatenate to `allLines.join(eol) + eol`, the exact text the writers built before they streamed.
 */
export class LineChunker {
  private lines: string[] = [];
  private chars = 0;

  constructor(private readonly eol: string) {}

  push(...lines: string[]): void {
    for (const l of lines) {
      this.lines.push(l);
      this.chars += l.length + 1;
    }
  }

  get full(): boolean {
    return this.chars >= CHUNK_CHARS;
  }

  /** The lines gathered so far as one chunk (empty string when there are none). */
  take(): string {
    if (this.lines.length === 0) return '';
    const chunk = this.lines.join(this.eol) + this.eol;
    this.lines = [];
    this.chars = 0;
    return chunk;
  }

  /** The last lines without the line end after them (for writers that trim the document's end). */
  takeRaw(): string {
    const text = this.lines.join(this.eol);
    this.lines = [];
    this.chars = 0;
    return text;
  }
}

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null;
const memberCount = (v: object): number => (Array.isArray(v) ? v.length : Object.keys(v).length);
/** Containers at least this big are walked member by member; smaller ones go to JSON.stringify whole. */
const BIG = 64;

/**
 * JSON.stringify(value) as chunks, byte for byte (key order, skipped undefined/function members, null in arrays,
 * toJSON): the folded state of a million events is one value whose text would not fit in one string. The top
 * levels and every big container are walked; everything small is stringified whole, which keeps it fast.
 */
export function* jsonChunks(value: unknown): Generator<string, void> {
  let buf = '';
  function* walk(input: unknown, depth: number): Generator<string, void> {
    const v =
      isContainer(input) && typeof (input as { toJSON?: unknown }).toJSON === 'function'
        ? (input as { toJSON(k: string): unknown }).toJSON('')
        : input;
    if (!isContainer(v) || (depth >= 2 && memberCount(v) < BIG)) {
      buf += JSON.stringify(v) ?? 'null';
      return;
    }
    if (Array.isArray(v)) {
      buf += '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) buf += ',';
        const e: unknown = v[i];
        if (isContainer(e)) yield* walk(e, depth + 1);
        else buf += JSON.stringify(e) ?? 'null';
        if (buf.length >= CHUNK_CHARS) {
          yield buf;
          buf = '';
        }
      }
      buf += ']';
      return;
    }
    buf += '{';
    let first = true;
    for (const key of Object.keys(v)) {
      const e: unknown = (v as Record<string, unknown>)[key];
      if (e === undefined || typeof e === 'function' || typeof e === 'symbol') continue;
      buf += `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      if (isContainer(e)) yield* walk(e, depth + 1);
      else buf += JSON.stringify(e);
      if (buf.length >= CHUNK_CHARS) {
        yield buf;
        buf = '';
      }
    }
    buf += '}';
  }
  yield* walk(value, 0);
  if (buf) yield buf;
}
