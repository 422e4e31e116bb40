import type { WarEvent } from '../../src/kinds/event.js';
import type { SignedHead } from '../../src/model/room-order.js';
import { extendChain, headSignatureHolds, orderGenesis } from './room-chain.js';
import type { VerifyProblem } from './log-verifier.js';

export interface OrderReport {
  /** Positions of the room's agreed order the file holds. */
  positions: number;
  /** The hub's signed head the file keeps, if any. */
  head: SignedHead | null;
  problems: VerifyProblem[];
}

/**
 * Checks the agreed order a log (its `.order` file) or an export keeps, offline: every position names an event
 * the file holds, once; the hub's signed head is the hub's, and the chain recomputed from the events matches
 * it. A head that covers more positions than the file holds means events after the last one were removed
 * (or not caught up yet): the one thing the events' own chains cannot show.
 */
export function verifyOrder(room: string, events: readonly WarEvent[], ids: readonly string[], head: SignedHead | null): OrderReport {
  const problems: VerifyProblem[] = [];
  const byId = new Map(events.map((e) => [e.id, e]));
  const placed = new Set<string>();
  ids.forEach((id, i) => {
    const where = `position ${i + 1}`;
    if (placed.has(id)) problems.push({ where, id, code: 'order-repeat', reason: `the order names event ${id} twice` });
    else if (!byId.has(id))
      problems.push({
        where,
        id,
        code: 'missing-event',
        reason: `the hub put event ${id} here, and this file does not hold it: events were removed`,
      });
    placed.add(id);
  });
  if (head) problems.push(...checkHead(room, byId, ids, head));
  return { positions: ids.length, head, problems };
}

function checkHead(room: string, byId: ReadonlyMap<string, WarEvent>, ids: readonly string[], head: SignedHead): VerifyProblem[] {
  const where = `head (position ${head.n})`;
  if (!headSignatureHolds(room, head)) {
    return [
      { where, id: null, code: 'bad-signature', reason: "the hub's signature on the order's head does not hold: the head was altered" },
    ];
  }
  if (head.n > ids.length) {
    const reason = `the hub's signed head covers ${head.n} positions and this file holds ${ids.length}: the last ${head.n - ids.length} event(s) were removed (or were not caught up: sync, then verify again)`;
    return [{ where, id: null, code: 'missing-tail', reason }];
  }
  let h = orderGenesis(room);
  for (let i = 0; i < head.n; i++) {
    const e = byId.get(ids[i]!);
    if (!e) return []; // already reported as missing
    h = extendChain(h, e);
  }
  if (h.toString('base64url') === head.h) return [];
  return [
    {
      where,
      id: null,
      code: 'order-altered',
      reason: 'the events in the order the file gives do not chain to the head the hub signed: the order was altered',
    },
  ];
}
