import type { WarEvent } from '../../src/model/envelope.js';
import { checkChains, type ChainVerdicts } from './chain-check.js';
import { eventHash } from './event-signature.js';

/**
 * A peer's check of events arriving from elsewhere (the hub, an import): the same identity checks the hub
 * makes, so a hub that let one through (an old or hostile hub) still cannot put it in this peer's state.
 * A batch is checked by its hash chains (checkChains): one signature per origin run, not one per event.
 * Unsigned events are legacy (written before keys existed) and are let in, shown as unsigned.
 */
export class IngestVerifier {
  /** origin -> seq -> event, built on first use: replaying a log must not pay for it. Numbers, not "origin seq" strings: a catch-up remembers every event. */
  private index: Map<string, Map<number, WarEvent>> | null = null;
  private openedAt: number | undefined;
  /** The chain hash of the newest event remembered per origin: what the next batch's first event links to. */
  private readonly newest = new Map<string, { e: WarEvent; hash: string }>();

  constructor(private readonly source: () => readonly WarEvent[]) {}

  /** Verdicts for a batch of events this peer does not hold, one per event in order (null: accepted). */
  async checkBatch(batch: readonly WarEvent[]): Promise<ChainVerdicts> {
    const index = this.build();
    return checkChains(batch, {
      at: (origin, seq) => index.get(origin)?.get(seq),
      hashOf: (e) => {
        const newest = this.newest.get(e.origin);
        return newest?.e === e ? newest.hash : eventHash(e);
      },
      openedAt: this.openedAt,
    });
  }

  /** An event now held (accepted, or written here), with its chain hash when known. */
  remember(e: WarEvent, hash?: string): void {
    if (!this.index) return;
    let seqs = this.index.get(e.origin);
    if (!seqs) this.index.set(e.origin, (seqs = new Map()));
    seqs.set(e.seq, e);
    if (hash !== undefined && (this.newest.get(e.origin)?.e.seq ?? 0) < e.seq) this.newest.set(e.origin, { e, hash });
    if (e.kind === 'incident.opened' && e.id === e.incident && this.openedAt === undefined) this.openedAt = e.at.ms;
  }

  private build(): Map<string, Map<number, WarEvent>> {
    if (this.index) return this.index;
    this.index = new Map();
    for (const e of this.source()) this.remember(e);
    return this.index;
  }
}
