import type { WarEvent } from '../../src/kinds/event.js';
import { signingText } from '../../src/model/signed-payload.js';
import { timeRefusal } from '../../src/kinds/rules.js';
import { checkChain, checkSignature, eventHashFromSigningText, type IdentityRefusal } from './event-signature.js';

/**
 * A peer's check of events arriving from elsewhere (the hub, an import): the same identity checks the hub
 * makes, and the gate's time rule (src/kinds/rules.ts): an event dated before the opening sorts before it,
 * where the fold cannot judge it, so it is turned away here, in the gate's words, so a hub that let one through (an old or hostile hub) still cannot put it in this peer's state.
 * Unsigned events are legacy (written before keys existed) and are let in, shown as unsigned.
 */
export class IngestVerifier {
  /** origin -> seq -> event, built on first use: replaying a log must not pay for it. Numbers, not "origin seq" strings: a catch-up remembers every event. */
  private index: Map<string, Map<number, WarEvent>> | null = null;
  private openedAt: number | undefined;
  /** Hashes of events this verifier checked (for their successors' links); gone with the events. */
  private readonly hashes = new WeakMap<WarEvent, string>();

  constructor(private readonly source: () => readonly WarEvent[]) {}

  check(e: WarEvent): IdentityRefusal | null {
    const index = this.build();
    const early = timeRefusal(e, this.openedAt);
    if (early) return { code: 'too-early', reason: early.reason };
    if (e.sig === undefined && e.key === undefined) return null;
    const text = signingText(e);
    const bad = checkSignature(e, text, false);
    if (bad) return bad;
    // Its successor's link is checked against this hash: made now from the text just verified, it costs one
    // SHA-256 instead of encoding the event again (a catch-up checks every event's link).
    this.hashes.set(e, eventHashFromSigningText(e, text));
    const predecessor = index.get(e.origin)?.get(e.seq - 1);
    // Without its predecessor the link cannot be checked here; the hub checked it, and warroom verify does.
    return predecessor ? checkChain(e, predecessor, this.hashes.get(predecessor)) : null;
  }

  remember(e: WarEvent): void {
    if (!this.index) return;
    let seqs = this.index.get(e.origin);
    if (!seqs) this.index.set(e.origin, (seqs = new Map()));
    seqs.set(e.seq, e);
    if (e.kind === 'incident.opened' && e.id === e.incident && this.openedAt === undefined) this.openedAt = e.at.ms;
  }

  private build(): Map<string, Map<number, WarEvent>> {
    if (this.index) return this.index;
    this.index = new Map();
    for (const e of this.source()) this.remember(e);
    return this.index;
  }
}
