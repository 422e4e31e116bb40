import { parseEvent, type WarEvent } from '../../src/kinds/event.js';
import { checkChain, checkSignature } from './event-signature.js';
import { timeRefusal } from '../../src/kinds/rules.js';

/** Where an event came from in the checked file: a log's line, or an export's `events[i]`. */
export interface LocatedEvent {
  where: string;
  raw: unknown;
}

export interface VerifyProblem {
  where: string;
  /** The event's id when it could be read. */
  id: string | null;
  code: string;
  reason: string;
}

export interface VerifyReport {
  events: number;
  signed: number;
  unsigned: number;
  /** Origins whose chain is complete from seq 1 and checked link by link. */
  origins: number;
  problems: VerifyProblem[];
}

/**
 * Checks a whole log offline, as a third party would: every signature, every id against its key, every
 * origin's chain from seq 1 with no gap, no (origin, seq) twice, no time before the opening or the
 * previous event. An unsigned event is a failure too: nothing proves who wrote it (the hub refuses one), so a
 * file of them "by Alice" must not pass as hers.
 */
export function verifyLog(located: readonly LocatedEvent[]): VerifyReport {
  const problems: VerifyProblem[] = [];
  const events: { e: WarEvent; where: string }[] = [];
  for (const { where, raw } of located) {
    const parsed = parseEvent(raw);
    if (!parsed.ok) {
      const id =
        raw !== null && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
          ? (raw as { id: string }).id.slice(0, 64)
          : null;
      problems.push({ where, id, code: 'invalid', reason: parsed.error });
    } else events.push({ e: parsed.value, where });
  }
  const opened = events.find((x) => x.e.kind === 'incident.opened' && x.e.id === x.e.incident)?.e.at.ms;
  const byOrigin = new Map<string, { e: WarEvent; where: string }[]>();
  let signed = 0;
  for (const x of events) {
    const early = timeRefusal(x.e, opened);
    if (early) problems.push({ where: x.where, id: x.e.id, code: 'too-early', reason: early.reason });
    if (x.e.sig === undefined && x.e.key === undefined) {
      problems.push({ where: x.where, id: x.e.id, ...UNSIGNED(x.e) });
      continue;
    }
    signed++;
    const bad = checkSignature(x.e);
    if (bad) problems.push({ where: x.where, id: x.e.id, ...bad });
    let list = byOrigin.get(x.e.origin);
    if (!list) byOrigin.set(x.e.origin, (list = []));
    list.push(x);
  }
  let complete = 0;
  for (const [origin, list] of byOrigin) {
    list.sort((a, b) => a.e.seq - b.e.seq);
    let whole = true;
    for (let i = 0; i < list.length; i++) {
      const cur = list[i]!;
      const before = list[i - 1];
      if (before && before.e.seq === cur.e.seq) {
        problems.push({
          where: cur.where,
          id: cur.e.id,
          code: 'seq-conflict',
          reason: `event ${cur.e.id} repeats seq ${cur.e.seq} of origin ${origin} (also ${before.e.id}, ${before.where})`,
        });
        whole = false;
        continue;
      }
      const expected = before ? before.e.seq + 1 : 1;
      if (cur.e.seq !== expected) {
        problems.push({
          where: cur.where,
          id: cur.e.id,
          code: 'broken-chain',
          reason: `origin ${origin} has no event seq ${expected}..${cur.e.seq - 1} before event ${cur.e.id}: the log is missing events`,
        });
        whole = false;
        continue;
      }
      if (before) {
        const link = checkChain(cur.e, before.e);
        if (link) {
          problems.push({ where: cur.where, id: cur.e.id, ...link });
          whole = false;
        }
      }
    }
    if (whole) complete++;
  }
  return { events: located.length, signed, unsigned: events.length - signed, origins: complete, problems };
}

const UNSIGNED = (e: WarEvent) => ({
  code: 'unsigned',
  reason: `event ${e.id} is not signed: nothing proves that ${e.actor.name} (${e.actor.id}) wrote it`,
});

/** Reads a JSON-lines log or a JSON export into located events; null when it is neither. */
export function locateEvents(text: string): { kind: 'log' | 'export'; events: LocatedEvent[] } | { error: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^\s*\{\s*"format"/.test(body)) {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch (e) {
      return { error: `the export is not valid JSON (${e instanceof Error ? e.message : String(e)}): it was damaged` };
    }
    const list = doc !== null && typeof doc === 'object' ? (doc as { events?: unknown }).events : undefined;
    if (!Array.isArray(list)) return { error: 'not a War Room JSON export: it has no "events" array' };
    return { kind: 'export', events: list.map((raw, i) => ({ where: `events[${i}]`, raw })) };
  }
  const events: LocatedEvent[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      raw = { unreadable: true };
      events.push({ where: `line ${i + 1}`, raw: line.length > 0 ? raw : null });
      continue;
    }
    events.push({ where: `line ${i + 1}`, raw });
  }
  return { kind: 'log', events };
}
