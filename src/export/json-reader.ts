import { parseEvent, type WarEvent } from '../kinds/event.js';
import { ID_PATTERN } from '../model/ids.js';
import { fail, ok, type Result } from '../model/result.js';
import { signedHeadSchema } from '../model/room-order.js';
import { JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION, type JsonExportOrder } from './json-writer.js';

export interface IncidentExportFile {
  incident: string;
  /** Validated events, in the file's order. */
  events: WarEvent[];
  /** The folded state as the file has it (derived data: an importer refolds rather than trusting it). */
  state: unknown;
  /** The room's agreed order, when a hub had ordered it: the first `settled` events hold its positions. */
  order: JsonExportOrder | null;
}

/**
 * Reads a JSON export back, validating every event exactly as events from disk or a peer are validated. The
 * first problem is reported with the event's index; nothing is returned then, so nothing half-imports.
 */
export function readIncidentExport(text: string): Result<IncidentExportFile> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('not a War Room incident export: expected a JSON object');
  const file = doc as Record<string, unknown>;
  if (file.format !== JSON_EXPORT_FORMAT) return fail(`not a War Room incident export: "format" should be "${JSON_EXPORT_FORMAT}"`);
  if (typeof file.version !== 'number' || !Number.isInteger(file.version)) return fail('"version" must be a whole number');
  if (file.version > JSON_EXPORT_VERSION) {
    return fail(
      `this export is format version ${file.version}, made by a newer War Room; this one reads up to version ${JSON_EXPORT_VERSION}`,
    );
  }
  if (file.version < 1) return fail(`unknown format version ${file.version}`);
  const incident = file.incident;
  if (typeof incident !== 'string' || !ID_PATTERN.test(incident)) return fail('"incident" must be an incident id such as inc_3kd9x0m2ab');
  if (!Array.isArray(file.events)) return fail('"events" must be an array');
  if (file.events.length === 0) return fail('"events" is empty: there is no incident to import');

  const events: WarEvent[] = [];
  const ids = new Map<string, number>();
  const seqs = new Map<string, number>();
  for (let i = 0; i < file.events.length; i++) {
    const parsed = parseEvent(file.events[i]);
    if (!parsed.ok) return fail(`events[${i}]: ${parsed.error}`);
    const e = parsed.value;
    if (e.incident !== incident) return fail(`events[${i}]: belongs to incident ${e.incident}, not ${incident}`);
    const sameId = ids.get(e.id);
    if (sameId !== undefined) return fail(`events[${i}]: repeats the id ${e.id} of events[${sameId}]`);
    ids.set(e.id, i);
    // (origin, seq) must be unique too: sync's version vectors count on it.
    const seqKey = `${e.origin}\u0000${e.seq}`;
    const sameSeq = seqs.get(seqKey);
    if (sameSeq !== undefined) return fail(`events[${i}]: repeats seq ${e.seq} of origin ${e.origin} (events[${sameSeq}])`);
    seqs.set(seqKey, i);
    events.push(e);
  }
  const order = readOrder(file.order, events.length);
  if (!order.ok) return order;
  return ok({ incident, events, state: file.state, order: order.value });
}

function readOrder(raw: unknown, events: number): Result<JsonExportOrder | null> {
  if (raw === undefined || raw === null) return ok(null);
  const o = raw as { settled?: unknown; head?: unknown };
  if (typeof raw !== 'object' || !Number.isInteger(o.settled) || (o.settled as number) < 0 || (o.settled as number) > events) {
    return fail(`"order.settled" must be a whole number from 0 to the number of events (${events})`);
  }
  if (o.head === null || o.head === undefined) return ok({ settled: o.settled as number, head: null });
  const head = signedHeadSchema.safeParse(o.head);
  if (!head.success) return fail('"order.head" is not a hub\'s signed head');
  return ok({ settled: o.settled as number, head: head.data });
}
