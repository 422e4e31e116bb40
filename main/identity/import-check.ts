import type { WarEvent } from '../../src/kinds/event.js';
import type { JsonExportOrder } from '../../src/export/json-writer.js';
import { verifyLog, type VerifyProblem } from './log-verifier.js';
import { verifyOrder } from './order-verifier.js';

export interface ImportCheck {
  /** Every event whose identity does not hold (unsigned, badly signed, off its chain, dated too early). */
  problems: VerifyProblem[];
  /** The ids of those events. */
  unverified: Set<string>;
  /** Whether the hub's order (and signed head) the file keeps holds. */
  orderHolds: boolean;
}

/**
 * The identity checks an import makes before anything is written: the same line the hub and a peer's ingest
 * hold (src/kinds/rules.ts's time rule, main/identity/event-signature.ts), over the whole file at once, as
 * `warroom verify` does: every signature, every id against its key, every origin's chain, nothing unsigned.
 * A file that names Alice's id on events her key never signed is a forgery, whatever the names say.
 */
export async function checkImport(incident: string, events: readonly WarEvent[], order: JsonExportOrder | null): Promise<ImportCheck> {
  const report = await verifyLog(events.map((e, i) => ({ where: `events[${i}]`, raw: e })));
  const problems = [...report.problems];
  let orderHolds = true;
  if (order && order.settled > 0) {
    const ids = events.slice(0, order.settled).map((e) => e.id);
    const checked = verifyOrder(incident, events, ids, order.head);
    if (order.settled > events.length) {
      checked.problems.push({
        where: 'order',
        id: null,
        code: 'missing-tail',
        reason: `the order covers ${order.settled} positions and the file holds ${events.length} events: events were removed`,
      });
    }
    orderHolds = checked.problems.length === 0;
    problems.push(...checked.problems);
  }
  const unverified = new Set(problems.flatMap((p) => (p.id !== null && !p.where.startsWith('position') ? [p.id] : [])));
  return { problems, unverified, orderHolds };
}

/**
 * An event kept as unverified history: its key, link and signature removed, since they do not hold. Every
 * reader then shows it as what it is, an unsigned claim (the timeline and exports mark it "unverified";
 * `warroom verify` fails on it), rather than as something its named author signed.
 */
export function asUnverified(e: WarEvent): WarEvent {
  const { key: _key, prev: _prev, sig: _sig, ...claim } = e;
  return claim as WarEvent;
}
