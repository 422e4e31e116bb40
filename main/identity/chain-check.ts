import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { WarEvent } from '../../src/kinds/event.js';
import { eventJson } from '../../src/model/signed-payload.js';
import {
  badSignature,
  checkChain,
  checkClaims,
  checkLink,
  checkNotBefore,
  checkNotBeforeOpening,
  sha256,
  signingTextFromEventJson,
  type IdentityRefusal,
} from './event-signature.js';
import { verifySignatures, type SignatureItem } from './signature-pool.js';

/** What the checker needs of the events already held (accepted earlier, or this peer's own log). */
export interface HeldEvents {
  /** The held event at (origin, seq), if any. */
  at(origin: string, seq: number): WarEvent | undefined;
  /** Its chain hash (what its successor names as `prev`). */
  hashOf(e: WarEvent): string;
  /** When the incident opened, once a held event says so. */
  openedAt: number | undefined;
}

export interface ChainVerdicts {
  /** One per event of the batch, in its order: null when accepted. */
  refusals: (IdentityRefusal | null)[];
  /** The chain hash of each signed event that got as far as being hashed (for its successors to come). */
  hashes: (string | undefined)[];
  /** How many Ed25519 signatures were verified. */
  verified: number;
}

export interface ChainCheckOptions {
  /** Verifies signatures (default: the worker pool, inline for a few). */
  verify?: (items: readonly SignatureItem[]) => Promise<boolean[]>;
  /** Longest stretch of hashing without giving the event loop back, in ms. */
  sliceMs?: number;
}

/**
 * Checks a batch of events from elsewhere (a catch-up, an import, a log given to `warroom verify`) by their
 * hash chains, verifying Ed25519 signatures only where they carry new trust (see "Checking a batch by its
 * chains" in main/hub/PROTOCOL.md for the argument):
 *
 * 1. Every signed event's claims (ids derived from its key, `prev` where its seq needs one) and its chain hash.
 * 2. Per origin, in seq order: each event's link to its predecessor, in the batch or held. A predecessor in the
 *    batch that its successor names by hash is vouched for by it; the others are the heads of their runs.
 * 3. One signature per head: the newest event of each origin in the batch, and any event whose successor has
 *    not arrived (or does not name it).
 * 4. A head whose signature holds vouches for its whole run. One whose signature fails takes its whole run
 *    with it: each event is refused, named, with the reason.
 * 5. Time: nothing dated before the incident's opening. And a broken link (an event that names another
 *    predecessor than the one present) refuses the later event when the earlier one stands; when the earlier
 *    one fell (altered, so its hash changed), that explains the link and the later event is not blamed.
 *
 * Legacy unsigned events (written before keys existed) are not part of any chain and are let in, as before.
 * An origin that repeats a seq in the batch (a fork only its key holder can make) is checked event by event.
 */
export async function checkChains(batch: readonly WarEvent[], held: HeldEvents, options: ChainCheckOptions = {}): Promise<ChainVerdicts> {
  const refusals: (IdentityRefusal | null)[] = new Array<IdentityRefusal | null>(batch.length).fill(null);
  // A live batch is an event or a few: its texts are kept for the signature check instead of written twice.
  const texts: (string | undefined)[] | null = batch.length <= KEEP_TEXTS ? [] : null;
  const hashes = await hashAll(batch, refusals, options.sliceMs ?? 30, texts);
  const links: Links = {
    refusals,
    predecessorOf: new Int32Array(batch.length).fill(-1),
    vouched: new Uint8Array(batch.length),
    heads: [],
    copies: [],
    broken: [],
  };
  for (const seqs of groupByOrigin(batch, hashes).values()) {
    if (sortBySeq(batch, seqs)) linkRuns(batch, seqs, hashes, held, links);
    else linkOneByOne(batch, seqs, held, links);
  }
  const verify = options.verify ?? verifySignatures;
  const valid = await verify(links.heads.map((i) => signatureItem(batch[i]!, texts?.[i])));
  links.heads.forEach((head, n) => {
    if (valid[n] !== true) refuseRun(batch, head, links);
  });
  refuseBeforeOpening(batch, held.openedAt, refusals);
  // A link to a predecessor that stands, but names another event: this one is what was altered (or forked).
  // A predecessor refused itself (altered, so its hash changed) explains the broken link: its successor is not blamed.
  for (const { upper, lower, refusal } of links.broken) if (refusals[lower] === null) refusals[upper] ??= refusal;
  for (const [copy, first] of links.copies) refusals[copy] = refusals[first]!;
  return { refusals, hashes, verified: links.heads.length };
}

/** What step 2 finds, by index into the batch. */
interface Links {
  refusals: (IdentityRefusal | null)[];
  /** predecessorOf[i]: the batch event that event i names by hash (its run continues down there), or -1. */
  predecessorOf: Int32Array;
  /** vouched[i]: a later event of the batch names event i by hash. */
  vouched: Uint8Array;
  /** Events no later event of the batch vouches for: each one's signature is verified. */
  heads: number[];
  /** [copy, first]: the same event twice in the batch; the first is judged, the copy takes its verdict. */
  copies: [number, number][];
  /** Neighbours in the batch whose link does not hold, judged once their own verdicts are known. */
  broken: { upper: number; lower: number; refusal: IdentityRefusal }[];
}

/** Batches up to this size keep each event's canonical JSON from hashing to signing (a catch-up's would fill the heap). */
const KEEP_TEXTS = 256;

/** Step 1: claims and chain hash of every signed event; unsigned legacy events are left as they are. */
async function hashAll(
  batch: readonly WarEvent[],
  refusals: (IdentityRefusal | null)[],
  sliceMs: number,
  texts: (string | undefined)[] | null,
): Promise<(string | undefined)[]> {
  const hashes = new Array<string | undefined>(batch.length);
  let sliceStart = performance.now();
  for (let i = 0; i < batch.length; i++) {
    // A catch-up batch is tens of thousands of events: give the event loop back now and then.
    if ((i & 1023) === 1023 && performance.now() - sliceStart > sliceMs) {
      await yieldToLoop();
      sliceStart = performance.now();
    }
    const e = batch[i]!;
    if (e.key === undefined && e.sig === undefined) continue;
    const claims = checkClaims(e);
    if (claims) {
      refusals[i] = claims;
      continue;
    }
    const json = eventJson(e);
    hashes[i] = sha256(json);
    if (texts) texts[i] = json;
  }
  return hashes;
}

/** Signed events that passed their claims, by origin, in batch order. */
function groupByOrigin(batch: readonly WarEvent[], hashes: readonly (string | undefined)[]): Map<string, number[]> {
  const origins = new Map<string, number[]>();
  for (let i = 0; i < batch.length; i++) {
    if (hashes[i] === undefined) continue;
    const origin = batch[i]!.origin;
    const seqs = origins.get(origin);
    if (seqs) seqs.push(i);
    else origins.set(origin, [i]);
  }
  return origins;
}

/** Sorts one origin's events by seq (they usually come sorted); false when two different events share a seq. */
function sortBySeq(batch: readonly WarEvent[], seqs: number[]): boolean {
  const seqOf = (i: number): number => batch[i]!.seq;
  let sorted = true;
  for (let k = 1; k < seqs.length && sorted; k++) sorted = seqOf(seqs[k - 1]!) <= seqOf(seqs[k]!);
  if (!sorted) seqs.sort((a, b) => seqOf(a) - seqOf(b) || a - b);
  for (let k = 1; k < seqs.length; k++) {
    if (seqOf(seqs[k - 1]!) === seqOf(seqs[k]!) && batch[seqs[k - 1]!]!.id !== batch[seqs[k]!]!.id) return false;
  }
  return true;
}

/** Step 2 for one origin: links between neighbours, and the heads of the runs they make. */
function linkRuns(
  batch: readonly WarEvent[],
  seqs: readonly number[],
  hashes: readonly (string | undefined)[],
  held: HeldEvents,
  links: Links,
): void {
  const { refusals, predecessorOf, vouched } = links;
  let below = -1;
  for (const i of seqs) {
    const e = batch[i]!;
    if (below >= 0 && batch[below]!.id === e.id) {
      links.copies.push([i, below]);
      vouched[i] = 1;
      continue;
    }
    const p = below >= 0 && batch[below]!.seq === e.seq - 1 ? below : -1;
    if (p >= 0) {
      const link = checkLink(e, batch[p]!, hashes[p]!);
      if (link === null) {
        predecessorOf[i] = p;
        vouched[p] = 1;
        refusals[i] = checkNotBefore(e, batch[p]!);
      } else links.broken.push({ upper: i, lower: p, refusal: link });
    } else if (e.seq > 1) {
      // Its predecessor is held already (accepted earlier, so trusted): the link is checked, nothing to vouch for.
      const before = held.at(e.origin, e.seq - 1);
      if (before) refusals[i] = checkChain(e, before, held.hashOf(before));
    }
    below = i;
  }
  for (const i of seqs) if (vouched[i] === 0) links.heads.push(i);
}

/** Step 2 for an origin that forked in the batch: every event is its own head, linked only to what is held. */
function linkOneByOne(batch: readonly WarEvent[], seqs: readonly number[], held: HeldEvents, links: Links): void {
  for (const i of seqs) {
    const e = batch[i]!;
    const before = e.seq > 1 ? held.at(e.origin, e.seq - 1) : undefined;
    if (before) links.refusals[i] = checkChain(e, before, held.hashOf(before));
    links.heads.push(i);
  }
}

function signatureItem(e: WarEvent, json = eventJson(e)): SignatureItem {
  return { key: e.key!, text: signingTextFromEventJson(e, json), sig: e.sig! };
}

/** Step 4, for a head whose signature failed: it and every event it names, down its run. */
function refuseRun(batch: readonly WarEvent[], head: number, { predecessorOf, refusals }: Links): void {
  const h = batch[head]!;
  refusals[head] = badSignature(h);
  for (let i = predecessorOf[head]!; i >= 0; i = predecessorOf[i]!) {
    const e = batch[i]!;
    refusals[i] ??= {
      code: 'bad-signature',
      reason: `event ${e.id} is vouched for only by event ${h.id} (seq ${h.seq}) of its origin, whose signature does not verify: refused with it`,
    };
  }
}

/** Step 5: the opening is what this peer holds, or the batch's own opening event once it stands. */
function refuseBeforeOpening(batch: readonly WarEvent[], heldOpenedAt: number | undefined, refusals: (IdentityRefusal | null)[]): void {
  let openedAt = heldOpenedAt;
  for (let i = 0; openedAt === undefined && i < batch.length; i++) {
    const e = batch[i]!;
    if (e.kind === 'incident.opened' && e.id === e.incident && refusals[i] === null) openedAt = e.at.ms;
  }
  if (openedAt === undefined) return;
  for (let i = 0; i < batch.length; i++) refusals[i] ??= checkNotBeforeOpening(batch[i]!, openedAt);
}
