import { z } from 'zod';
import { MAX_HLC_COUNTER, type Hlc } from './hlc.js';
import { LIMITS } from './vocabulary.js';
import { ID_PATTERN } from './ids.js';
import { nameProblem } from './name-normal.js';

export const ENVELOPE_VERSION = 1;

export interface Actor {
  id: string;
  name: string;
}

/** Everything an event carries besides its kind and data. */
export interface EnvelopeBase {
  v: 1;
  /** Globally unique; also the id of the entry an "added"/"created"/"opened" event creates. */
  id: string;
  incident: string;
  /** The authoring peer (one per running app or CLI call) and its gapless counter. */
  origin: string;
  seq: number;
  at: Hlc;
  actor: Actor;
  /**
   * Signed events (see main/identity/): the author's Ed25519 public key (32 bytes, base64url), the hash of
   * the same origin's previous event (absent on seq 1) and the signature over the rest. Logs written before
   * keys existed have none of the three and are shown as unsigned.
   */
  key?: string;
  prev?: string;
  sig?: string;
}

/** Entity ids must start with a letter prefix, so no id can ever be "__proto__" or a path trick. */
const entityId = z.string().regex(ID_PATTERN, 'is not a valid id');

export const envelopeSchema = z.strictObject({
  v: z.literal(ENVELOPE_VERSION),
  id: entityId,
  incident: entityId,
  origin: entityId,
  seq: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  at: z.strictObject({ ms: z.int().min(0).max(8.64e15), c: z.int().min(0).max(MAX_HLC_COUNTER) }),
  actor: z.strictObject({
    id: z.string().min(1).max(64),
    // Names as the writer normalised them (src/model/name-normal.ts): one with invisible or bidi characters
    // could pass for a teammate's, so it is refused wherever events arrive.
    name: z
      .string()
      .trim()
      .min(1)
      .max(LIMITS.name)
      .superRefine((name, ctx) => {
        const problem = nameProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: `the author's name ${problem}` });
      }),
  }),
  kind: z.string().max(64),
  data: z.unknown(),
  key: base64url(32).optional(),
  prev: base64url(32).optional(),
  sig: base64url(64).optional(),
});

/** Unpadded base64url of exactly `bytes` bytes. */
function base64url(bytes: number) {
  const chars = Math.ceil((bytes * 4) / 3);
  return z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${chars}}$`), `is not ${bytes} bytes of base64url`);
}

/** Display and fold order, identical on every peer: clock, then id as tie-break. */
export function compareEvents(a: Pick<EnvelopeBase, 'at' | 'id'>, b: Pick<EnvelopeBase, 'at' | 'id'>): number {
  return a.at.ms - b.at.ms || a.at.c - b.at.c || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
