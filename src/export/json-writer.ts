import type { SignedHead } from '../model/room-order.js';
import type { WarEvent } from '../kinds/event.js';
import { uniqueEvents } from '../incident/fold.js';
import type { IncidentState } from '../model/incident-state.js';
import { jsonChunks, joinChunks, LineChunker } from './chunks.js';

export const JSON_EXPORT_FORMAT = 'war-room-incident';
export const JSON_EXPORT_VERSION = 1;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON.stringify with every object's keys sorted: the same value always gives the same bytes, whoever built it. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isPlainObject(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = v[k];
    return sorted;
  });
}

/** An event in envelope order (easier to read than sorted), its data canonical. */
function eventLine(e: WarEvent): string {
  const envelope = {
    v: e.v,
    id: e.id,
    incident: e.incident,
    origin: e.origin,
    seq: e.seq,
    at: { ms: e.at.ms, c: e.at.c },
    actor: { id: e.actor.id, name: e.actor.name },
    kind: e.kind,
  };
  const head = JSON.stringify(envelope);
  return `${head.slice(0, -1)},"data":${canonicalJson(e.data)}${signatureTail(e)}}`;
}

/** The author's key, chain link and signature, so an export stays checkable (warroom verify); none on unsigned events. */
function signatureTail(e: WarEvent): string {
  if (e.sig === undefined) return '';
  return `,"key":${JSON.stringify(e.key)}${e.prev === undefined ? '' : `,"prev":${JSON.stringify(e.prev)}`},"sig":${JSON.stringify(e.sig)}`;
}

/**
 * The lossless export: every event (one per line, in the room's agreed order) plus the folded state for readers that do
 * not want to fold. No export time and a fixed key order, so the same log always exports to the same bytes;
 * times stay raw (epoch ms), whatever zone the human-readable formats use.
 */
export function writeJson(
  incident: string,
  events: readonly WarEvent[],
  state: IncidentState,
  order: JsonExportOrder | null = null,
): string {
  return joinChunks(jsonExportChunks(incident, events, state, order));
}

/** The room's agreed order as an export keeps it: the first `settled` events hold the hub's positions 1.. . */
export interface JsonExportOrder {
  settled: number;
  head: SignedHead | null;
}

/** writeJson as chunks, for files: a million events never become one string. */
export function* jsonExportChunks(
  incident: string,
  events: readonly WarEvent[],
  state: IncidentState,
  order: JsonExportOrder | null = null,
): Generator<string, void> {
  // Deduplicated and ordered exactly as fold sees them, so the events and the state always agree.
  const sorted = uniqueEvents(events);
  const out = new LineChunker('\n');
  out.push(
    '{',
    `  "format": ${JSON.stringify(JSON_EXPORT_FORMAT)},`,
    `  "version": ${JSON_EXPORT_VERSION},`,
    `  "incident": ${JSON.stringify(incident)},`,
    sorted.length ? '  "events": [' : '  "events": [],',
  );
  for (let i = 0; i < sorted.length; i++) {
    out.push(`    ${eventLine(sorted[i]!)}${i < sorted.length - 1 ? ',' : ''}`);
    if (out.full) yield out.take();
  }
  if (sorted.length) out.push('  ],');
  // Only for an incident a hub ordered (an export of one never shared reads as before): lossless means the
  // order, and the hub's signed head lets `warroom verify` tell a removed last event.
  if (order) out.push(`  "order": ${JSON.stringify({ settled: order.settled, head: order.head })},`);
  // The state keeps fold's own key order: fold builds every object by the same steps from the same sorted
  // events, so the order is as deterministic as sorting it, and sorting 100,000 entries would double the cost.
  yield out.take() + '  "state": ';
  yield* jsonChunks(state);
  yield '\n}\n';
}
