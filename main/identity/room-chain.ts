import { createHash } from 'node:crypto';
import type { WarEvent } from '../../src/kinds/event.js';
import { headSigningText, ORDER_GENESIS_PREFIX, type SignedHead } from '../../src/model/room-order.js';
import { canonicalJson } from '../../src/model/signed-payload.js';
import { verifySignature, type Signer } from './event-signature.js';

/**
 * The hash chain over a room's agreed order (src/model/room-order.ts). A link names an event by what makes it
 * unique and unforgeable (id, key and signature: the signature covers everything else), so extending the chain
 * costs one short SHA-256 per event, not an encoding of the event.
 */

export const orderGenesis = (room: string): Buffer =>
  createHash('sha256')
    .update(ORDER_GENESIS_PREFIX + room)
    .digest();

export function orderLinkText(e: WarEvent): string {
  return e.sig !== undefined && e.key !== undefined ? `${e.id}\n${e.key}\n${e.sig}` : canonicalJson(e);
}

/** chain(n) from chain(n - 1) and the event at n. */
export function extendChain(previous: Buffer, e: WarEvent): Buffer {
  const link = createHash('sha256').update(orderLinkText(e)).digest();
  return createHash('sha256').update(previous).update(link).digest();
}

/** A hub's head over chain(n), signed with its key. */
export function signHead(hub: Signer, room: string, n: number, h: Buffer): SignedHead {
  const hb = h.toString('base64url');
  return { n, h: hb, hub: hub.key, sig: hub.sign(headSigningText(room, n, hb)) };
}

/**
 * True when `head` was signed by the hub key it names, for this room. Remembered: every teammate relays the
 * same few heads the hub signed, and each comes with the events it orders, so a peer meets each head many times.
 */
export function headSignatureHolds(room: string, head: SignedHead): boolean {
  return verifySignature(head.hub, headSigningText(room, head.n, head.h), head.sig);
}

/** The chain at every position from 0 to events.length (index n holds chain(n)). */
export function chainOf(room: string, events: readonly WarEvent[]): Buffer[] {
  const out = [orderGenesis(room)];
  for (const e of events) out.push(extendChain(out[out.length - 1]!, e));
  return out;
}
