import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { WarEvent } from '../../src/kinds/event.js';
import { signingText } from '../../src/model/signed-payload.js';
import type { RefusalCode } from '../../src/sync/protocol.js';
import { checkChain, checkSignature, eventHashFromSigningText } from '../identity/event-signature.js';

export interface VerifyContext {
  /** The key this connection proved at its handshake. */
  connectionKey: string;
  /** The stored (or earlier in the same push) event at (origin, seq), if any. */
  eventAt(origin: string, seq: number): WarEvent | undefined;
}

/**
 * The signed text of each pushed event, made once when its signature is first checked (preverifySignatures),
 * and its chain hash, made from that text once the event passed: its successor's link is checked against it
 * without encoding the event again. Gone with the events.
 */
const signedTexts = new WeakMap<WarEvent, string>();
const chainHashes = new WeakMap<WarEvent, string>();

function textOf(e: WarEvent): string {
  let text = signedTexts.get(e);
  if (text === undefined) signedTexts.set(e, (text = signingText(e)));
  return text;
}

/**
 * The hub's identity check of one pushed event: signed by the key this connection proved, ids derived from
 * that key, chained to its origin's previous event, and not dated before that event (the incident's opening
 * is the gate's rule: src/kinds/rules.ts).
 * An editor token admits a key to the room; it never lets anyone write for another key.
 */
export function verifyPushedEvent(e: WarEvent, ctx: VerifyContext): { code: RefusalCode; reason: string } | null {
  const text = textOf(e);
  const bad = checkSignature(e, text);
  if (bad) return bad;
  if (e.key !== ctx.connectionKey) {
    return { code: 'forged-actor', reason: `event ${e.id} is signed by another key than this connection's: post as yourself` };
  }
  if (e.seq === 1) return remembered(e, text, null);
  const predecessor = ctx.eventAt(e.origin, e.seq - 1);
  if (!predecessor) {
    return {
      code: 'broken-chain',
      reason: `event ${e.id} (seq ${e.seq}) arrived before its origin's seq ${e.seq - 1}: push each origin's events in order`,
    };
  }
  return remembered(e, text, checkChain(e, predecessor, chainHashes.get(predecessor)));
}

function remembered<R>(e: WarEvent, text: string, refusal: R | null): R | null {
  if (refusal === null) chainHashes.set(e, eventHashFromSigningText(e, text));
  return refusal;
}

/**
 * Checks the signatures of a push's parsed events in slices, yielding to the event loop between them: 500
 * Ed25519 verifications take tens of ms, which in one piece would stall every other connection. The answers
 * are remembered, so the room's own (synchronous) check of the same events finds them ready. A live push of
 * one event is one slice, checked at once.
 */
export async function preverifySignatures(events: readonly WarEvent[], slice = 10): Promise<void> {
  for (let i = 0; i < events.length; i += slice) {
    if (i > 0) await yieldToLoop();
    for (const e of events.slice(i, i + slice)) if (e.sig !== undefined) checkSignature(e, textOf(e));
  }
}
