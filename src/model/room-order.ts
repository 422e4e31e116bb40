import { z } from 'zod';
import { ID_PATTERN } from './ids.js';

/**
 * A room's agreed order: the hub numbers each event it accepts (its position, 1, 2, 3 ...), and every peer
 * folds, judges and numbers events in that order, whatever time an event claims. The hub chains the
 * positions by hash and signs the chain's head, so what it told one peer can be held against what it told
 * another (see main/hub/PROTOCOL.md, "Agreed order").
 *
 * chain(0) = SHA-256("war-room order v1\n" + room)
 * chain(n) = SHA-256(chain(n-1) || SHA-256(link text of the event at n))
 * link text = id + "\n" + key + "\n" + sig   (for an unsigned legacy event: its canonical JSON)
 */

const base64url = (bytes: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`), `is not ${bytes} bytes of base64url`);
const position = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const eventId = z.string().regex(ID_PATTERN, 'is not a valid id');

/** The hub's signature over the chain at position `n`: proof of what it said the order was. */
export const signedHeadSchema = z.strictObject({
  n: position,
  /** chain(n), base64url. */
  h: base64url(32),
  /** The hub's Ed25519 public key. */
  hub: base64url(32),
  sig: base64url(64),
});
export type SignedHead = z.infer<typeof signedHeadSchema>;

/** Positions `from`, `from + 1`, ... hold the events `ids`, in that order. */
export const orderRangeSchema = z.strictObject({
  from: position.min(1),
  ids: z.array(eventId).min(1).max(50_000),
});
export type OrderRange = z.infer<typeof orderRangeSchema>;

/** The text a hub signs for a head: bound to the room, so a head cannot be replayed for another room. */
export function headSigningText(room: string, n: number, h: string): string {
  return `war-room order head v1\n${room}\n${n}\n${h}`;
}

export const ORDER_GENESIS_PREFIX = 'war-room order v1\n';

/** The last position a range covers. */
export const rangeEnd = (r: OrderRange): number => r.from + r.ids.length - 1;
