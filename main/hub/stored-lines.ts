const LINE_HEAD = Buffer.from('{"v":1,"id":"');

/**
 * The envelope id a stored line starts with (`{"v":1,"id":"...`), read from the bytes (ids are ASCII), with
 * its hashId: no parse per event. null when the line does not start so (a log brought in from elsewhere).
 */
export function leadingId(buf: Buffer, start: number, end: number): { id: string; hash: number } | null {
  const from = start + LINE_HEAD.length;
  if (from >= end || buf.compare(LINE_HEAD, 0, LINE_HEAD.length, start, from) !== 0) return null;
  let h = 0x811c9dc5;
  for (let i = from; i < end && i < from + 65; i++) {
    const c = buf[i]!;
    if (c === 0x22) return i > from ? { id: buf.toString('latin1', from, i), hash: h | 0 } : null;
    if (c === 0x5c || c >= 0x80) return null;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return null;
}

/** The id of a stored line of room `room`, by parsing it; null when it is not one of the room's events. */
export function parsedLineId(line: string, room: string): string | null {
  try {
    const e = JSON.parse(line) as { incident?: unknown; id?: unknown } | null;
    return e?.incident === room && typeof e.id === 'string' ? e.id : null;
  } catch {
    return null;
  }
}

/** Copies the lines at `keep` (line indexes, ascending) out of `lines`, whose line k spans `spans[k]`. */
export function pickLines(lines: Buffer, spans: ReadonlyArray<readonly [number, number]>, keep: readonly number[]): Buffer {
  if (keep.length === spans.length) return lines;
  let size = 0;
  for (const k of keep) size += spans[k]![1] - spans[k]![0] + 1;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const k of keep) at += lines.copy(out, at, spans[k]![0], spans[k]![1] + 1);
  return out;
}
