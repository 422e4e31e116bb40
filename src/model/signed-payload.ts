import type { EnvelopeBase } from './envelope.js';

/** An event as signed: the envelope with its kind and data (the kinds' types live above this layer). */
type SignedEvent = EnvelopeBase & { kind: string; data: unknown };

/**
 * What an author signs, as text every peer rebuilds identically: the envelope without `sig`, as JSON with
 * every object's keys sorted (so key order, which zod and JSON writers may change, never matters).
 * Pure, so the window and any third-party checker can rebuild it; the crypto itself lives in main/identity.
 */
export function signingText(e: SignedEvent): string {
  return envelopeJson(e, false);
}

/** canonicalJson of the whole event, signature included: what its successor's `prev` is the hash of. */
export function eventJson(e: SignedEvent): string {
  return envelopeJson(e, true);
}

/**
 * The text a connection signs to prove at the handshake that it holds the key it names: for one room, one
 * challenge (`nonce`, single use, issued on this very connection) and one hub (`hub`, the hub key that proved
 * itself), so a captured handshake opens nothing later and nothing elsewhere.
 */
export function handshakeText(incident: string, actorId: string, nonce: string, hub: string): string {
  return `war-room handshake v2\n${incident}\n${actorId}\n${nonce}\n${hub}`;
}

/** The text a hub signs with its key to prove it holds it: the client's fresh nonce and the challenge it hands out. */
export function hubProofText(clientNonce: string, nonce: string): string {
  return `war-room hub proof v1\n${clientNonce}\n${nonce}`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The definition: JSON.stringify with every object's keys sorted. Kept as the reference the fast writer below
 * is tested against, and for values it does not handle itself (anything with a toJSON).
 */
export function canonicalJsonByReplacer(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isPlainObject(v)) return v;
    // No prototype, so a key named __proto__ stays a plain key.
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v).sort()) sorted[k] = v[k];
    return sorted;
  });
}

/** JSON.stringify with every object's keys sorted: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return writeValue(value) as string;
}

const str = JSON.stringify;

/**
 * The canonical JSON of an envelope, written field by field in sorted key order: every event is hashed when
 * it arrives (its successor names the hash) and signed when written, so this is on every event's path. The
 * generic writer would sort the same twelve keys for every event. Falls back to it for an object that is not
 * exactly an envelope (an extra key, a missing one, a non-finite number).
 */
function envelopeJson(e: SignedEvent, withSig: boolean): string {
  const { actor, at } = e;
  const data = isEnvelopeShaped(e) ? writeValue(e.data) : undefined;
  if (data === undefined) {
    if (withSig) return canonicalJson(e);
    const { sig: _sig, ...unsigned } = e;
    return canonicalJson(unsigned);
  }
  let out = `{"actor":{"id":${str(actor.id)},"name":${str(actor.name)}},"at":{"c":${at.c},"ms":${at.ms}},"data":${data}`;
  out += `,"id":${str(e.id)},"incident":${str(e.incident)}`;
  if (e.key !== undefined) out += `,"key":${str(e.key)}`;
  out += `,"kind":${str(e.kind)},"origin":${str(e.origin)}`;
  if (e.prev !== undefined) out += `,"prev":${str(e.prev)}`;
  out += `,"seq":${e.seq}`;
  if (withSig && e.sig !== undefined) out += `,"sig":${str(e.sig)}`;
  return `${out},"v":${e.v}}`;
}

const ENVELOPE_KEYS = 9; // v, id, incident, origin, seq, at, actor, kind, data; key, prev and sig are optional

/** Own enumerable keys, counted without making the list (this runs for every event). */
function keyCount(o: object): number {
  let n = 0;
  for (const k in o) if (Object.hasOwn(o, k)) n++;
  return n;
}

function isEnvelopeShaped(e: SignedEvent): boolean {
  const { actor, at } = e as Partial<SignedEvent>;
  if (typeof actor !== 'object' || actor === null || typeof at !== 'object' || at === null) return false;
  const optional = (e.key !== undefined ? 1 : 0) + (e.prev !== undefined ? 1 : 0) + (e.sig !== undefined ? 1 : 0);
  return (
    keyCount(e) === ENVELOPE_KEYS + optional &&
    typeof e.id === 'string' &&
    typeof e.incident === 'string' &&
    typeof e.origin === 'string' &&
    typeof e.kind === 'string' &&
    (e.key === undefined || typeof e.key === 'string') &&
    (e.prev === undefined || typeof e.prev === 'string') &&
    (e.sig === undefined || typeof e.sig === 'string') &&
    Number.isFinite(e.seq) &&
    Number.isFinite(e.v) &&
    keyCount(actor) === 2 &&
    typeof actor.id === 'string' &&
    typeof actor.name === 'string' &&
    keyCount(at) === 2 &&
    Number.isFinite(at.ms) &&
    Number.isFinite(at.c)
  );
}

/** An array index ("0", "17"): such keys enumerate first, in numeric order, whatever order they were added in. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const isArrayIndex = (k: string): boolean => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && ARRAY_INDEX.test(k) && Number(k) < 4294967295;
};

/** JSON.stringify's answer for one value with sorted keys; undefined where JSON.stringify leaves a value out. */
function writeValue(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return str(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    case 'bigint':
      return str(v); // throws, as JSON.stringify does
    default:
      return undefined;
  }
  if (v === null) return 'null';
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return canonicalJsonByReplacer(v);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ',') + (writeValue(v[i]) ?? 'null');
    return `${out}]`;
  }
  return writeObject(v as Record<string, unknown>);
}

function writeObject(o: Record<string, unknown>): string {
  const keys = Object.keys(o);
  // The reference builds a new object with the keys added in sorted order, and JSON.stringify then lists
  // array-index keys first in numeric order: Object.keys already gives those first, so only the rest is sorted.
  if (keys.length > 1) {
    let indexKeys = 0;
    while (indexKeys < keys.length && isArrayIndex(keys[indexKeys]!)) indexKeys++;
    if (indexKeys === 0) keys.sort();
    else if (indexKeys < keys.length) keys.push(...keys.splice(indexKeys).sort());
  }
  let out = '';
  for (const k of keys) {
    const s = writeValue(o[k]);
    if (s !== undefined) out += `${out === '' ? '' : ','}${str(k)}:${s}`;
  }
  return `{${out}}`;
}
