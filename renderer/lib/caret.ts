/** One step of a Yjs text delta (Y.YTextEvent.delta): keep, insert or delete, from the start of the text. */
export interface DeltaOp {
  retain?: number;
  insert?: string | object;
  delete?: number;
}

/**
 * Where an offset in the old text lands in the new one after a teammate's change: text inserted before it
 * pushes it right, text deleted before it pulls it left, a deleted range containing it collapses it to where
 * the range was. Text inserted exactly at the offset goes after it (our caret stays before their words, so
 * the next key we press lands where we were typing, not inside what they wrote).
 */
export function mapOffset(offset: number, delta: readonly DeltaOp[]): number {
  let oldPos = 0;
  let shift = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      oldPos += op.retain;
      if (oldPos > offset) break;
    } else if (op.insert !== undefined) {
      if (oldPos >= offset) break;
      shift += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      if (oldPos >= offset) break;
      const removed = Math.min(op.delete, offset - oldPos);
      shift -= removed;
      oldPos += op.delete;
      if (oldPos >= offset) break;
    }
  }
  return Math.max(0, offset + shift);
}

export interface Selection {
  start: number;
  end: number;
  direction: 'forward' | 'backward' | 'none';
}

/** A selection mapped through a change; a collapsed caret stays collapsed. */
export function mapSelection(selection: Selection, delta: readonly DeltaOp[]): Selection {
  const start = mapOffset(selection.start, delta);
  const end = selection.end === selection.start ? start : Math.max(start, mapOffset(selection.end, delta));
  return { start, end, direction: selection.direction };
}
