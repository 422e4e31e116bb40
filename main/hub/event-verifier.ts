import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { WarEvent } from '../../src/kinds/event.js';
import type { RefusalCode } from '../../src/sync/protocol.js';
import { checkChain, checkSignature } from '../identity/event-signature.js';

export interface VerifyContext {
  /** The key this connection proved at its handshake. */
  connectionKey: string;
  /** The stored (or earlier in the same push) event at (origin, seq), if any. */
  eventAt(origin: string, seq: number): WarEvent | undefined;
}

/**
 * The hub's identity check of one pushed event: signed by the key this connection proved, ids derived from
 * that key, chained to its origin's previous event, and not dated before that event (the incident's opening
 * is the gate's rule: src/kinds/rules.ts).
 * An editor token admits a key to the room; it never lets anyone write for another key.
 */
export function verifyPushedEvent(e: WarEvent, ctx: VerifyContext): { code: RefusalCode; reason: string } | null {
  const bad = checkSignature(e);
  if (bad) return bad;
  if (e.key !== ctx.connectionKey) {
    return { code: 'forged-actor', reason: `event ${e.id} is signed by another key than this connection's: post as yourself` };
  }
  if (e.seq === 1) return null;
  const predecessor = ctx.eventAt(e.origin, e.seq - 1);
  if (!predecessor) {
    return {
      code: 'broken-chain',
      reason: `event ${e.id} (seq ${e.seq}) arrived before its origin's seq ${e.seq - 1}: push each origin's events in order`,
    };
  }
  return checkChain(e, predecessor);
}

/**
 * Checks the signatures of a push's parsed events in slices, yielding to the event loop between them: 500
 * Ed25519 verifications take tens of ms, which in one piece would stall every other connection. The answers
 * are remembered, so the room's own (synchronous) check of the same events finds them ready.
 */
export async function preverifySignatures(events: readonly WarEvent[], slice = 10): Promise<void> {
  for (let i = 0; i < events.length; i += slice) {
    for (const e of events.slice(i, i + slice)) if (e.sig !== undefined) checkSignature(e);
    await yieldToLoop();
  }
}
