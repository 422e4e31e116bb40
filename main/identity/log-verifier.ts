import { parseEvent, type WarEvent } from '../../src/kinds/event.js';
import { checkChains } from './chain-check.js';
import { eventHash } from './event-signature.js';

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
 * Checks a whole log offline, as a third party would: every origin's chain from seq 1 with no gap and no
 * (origin, seq) twice, every event covered by a valid signature through its chain (one Ed25519 verify per
 * run: checkChains), every id against its key, no time before the opening or the previous event. An unsigned
 * event is a failure too: nothing proves who wrote it (the hub refuses one), so a file of them "by Alice" must
 * not pass as hers.
 */
export async function verifyLog(located: readonly LocatedEvent[]): Promise<VerifyReport> {
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
  const openedAt = events.find((x) => x.e.kind === 'incident.opened' && x.e.id === x.e.incident)?.e.at.ms;
  const { refusals } = await checkChains(
    events.map((x) => x.e),
    { at: () => undefined, hashOf: eventHash, openedAt },
  );
  const failed = new Set<string>();
  events.forEach((x, i) => {
    const refusal = refusals[i];
    if (!refusal) return;
    problems.push({ where: x.where, id: x.e.id, ...refusal });
    failed.add(x.e.origin);
  });
  const signed = events.filter((x) => x.e.sig !== undefined || x.e.key !== undefined);
  for (const x of events)
    if (x.e.sig === undefined && x.e.key === undefined) problems.push({ where: x.where, id: x.e.id, ...UNSIGNED(x.e) });
  let complete = 0;
  for (const [origin, list] of byOrigin(signed)) if (wholeChain(origin, list, problems) && !failed.has(origin)) complete++;
  return { events: located.length, signed: signed.length, unsigned: events.length - signed.length, origins: complete, problems };
}

function byOrigin(events: readonly { e: WarEvent; where: string }[]): Map<string, { e: WarEvent; where: string }[]> {
  const origins = new Map<string, { e: WarEvent; where: string }[]>();
  for (const x of events) {
    const list = origins.get(x.e.origin);
    if (list) list.push(x);
    else origins.set(x.e.origin, [x]);
  }
  return origins;
}

/** One origin's seqs run 1, 2, 3... with none missing and none twice; the problems found are added. */
function wholeChain(origin: string, list: { e: WarEvent; where: string }[], problems: VerifyProblem[]): boolean {
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
    }
  }
  return whole;
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
