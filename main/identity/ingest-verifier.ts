import type { WarEvent } from '../../src/model/envelope.js';
import { checkChain, checkNotBeforeOpening, checkSignature, type IdentityRefusal } from './event-signature.js';

/**
 * A peer's check of events arriving from elsewhere (the hub, an import): the same identity checks the hub
 * makes, so a hub that let one through (an old or hostile hub) still cannot put it in this peer's state.
 * Unsigned events are legacy (written before keys existed) and are let in, shown as unsigned.
 */
export class IngestVerifier {
  /** "origin seq" -> event, built on first use: replaying a log must not pay for it. */
  private index: Map<string, WarEvent> | null = null;
  private openedAt: number | undefined;

  constructor(private readonly source: () => readonly WarEvent[]) {}

  check(e: WarEvent): IdentityRefusal | null {
    const index = this.build();
    const early = checkNotBeforeOpening(e, this.openedAt);
    if (early) return early;
    if (e.sig === undefined && e.key === undefined) return null;
    const bad = checkSignature(e);
    if (bad) return bad;
    const predecessor = index.get(slot(e.origin, e.seq - 1));
    // Without its predecessor the link cannot be checked here; the hub checked it, and warroom verify does.
    return predecessor ? checkChain(e, predecessor) : null;
  }

  remember(e: WarEvent): void {
    if (!this.index) return;
    this.index.set(slot(e.origin, e.seq), e);
    if (e.kind === 'incident.opened' && this.openedAt === undefined) this.openedAt = e.at.ms;
  }

  private build(): Map<string, WarEvent> {
    if (this.index) return this.index;
    this.index = new Map();
    for (const e of this.source()) this.remember(e);
    return this.index;
  }
}

const slot = (origin: string, seq: number): string => `${origin} ${seq}`;
