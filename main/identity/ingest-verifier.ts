import type { WarEvent } from '../../src/kinds/event.js';
import { checkChains, type ChainVerdicts } from './chain-check.js';
import { eventHash } from './event-signature.js';
import { SignedRoom } from '../../src/model/signed-room.js';

/**
 * A peer's check of events arriving from elsewhere (the hub, an import): the same identity checks the hub
 * makes, so a hub that let one through (an old or hostile hub) still cannot put it in this peer's state.
 * A batch is checked by its hash chains (checkChains): one signature per origin run, not one per event.
 * Unsigned events are legacy (written before keys existed): let in, shown as unsigned, only in a legacy room;
 * in a signed room they are refused (src/model/signed-room.ts).
 */
export class IngestVerifier {
  /**
   * The newest event held per origin, with its chain hash once known: what a batch's first event of that
   * origin links to, nearly always. Built on first use (replaying a log must not pay for it).
   */
  private newest: Map<string, { e: WarEvent; hash: string | undefined }> | null = null;
  /** origin -> seq -> event, for the rare link to an older event (a gap filled late): built only then. */
  private index: Map<string, Map<number, WarEvent>> | null = null;
  private openedAt: number | undefined;
  /** Whether the room is signed, from the events held (built with `newest`). */
  private room: SignedRoom | null = null;

  constructor(private readonly source: () => readonly WarEvent[]) {}

  /** Verdicts for a batch of events this peer does not hold, one per event in order (null: accepted). */
  async checkBatch(batch: readonly WarEvent[]): Promise<ChainVerdicts> {
    const newest = this.tips();
    const verdicts = await checkChains(batch, {
      at: (origin, seq) => {
        const tip = newest.get(origin);
        return tip?.e.seq === seq ? tip.e : this.older(origin, seq);
      },
      hashOf: (e) => {
        const tip = newest.get(e.origin);
        if (tip?.e !== e) return eventHash(e);
        return (tip.hash ??= eventHash(e));
      },
      openedAt: this.openedAt,
    });
    // The batch's own events count too: a catch-up brings the signed opening with the rest.
    const room = this.room!.copy();
    for (const e of batch) room.note(e);
    batch.forEach((e, i) => (verdicts.refusals[i] ??= room.refusal(e)));
    return verdicts;
  }

  /** An event now held (accepted, or written here), with its chain hash when known. */
  remember(e: WarEvent, hash?: string): void {
    if (!this.newest) return;
    this.room!.note(e);
    const tip = this.newest.get(e.origin);
    if (!tip || tip.e.seq < e.seq) this.newest.set(e.origin, { e, hash });
    if (this.index) indexEvent(this.index, e);
    if (e.kind === 'incident.opened' && e.id === e.incident && this.openedAt === undefined) this.openedAt = e.at.ms;
  }

  private tips(): Map<string, { e: WarEvent; hash: string | undefined }> {
    if (this.newest) return this.newest;
    this.newest = new Map();
    this.room = new SignedRoom();
    for (const e of this.source()) this.remember(e);
    return this.newest;
  }

  private older(origin: string, seq: number): WarEvent | undefined {
    if (!this.index) {
      this.index = new Map();
      for (const e of this.source()) indexEvent(this.index, e);
    }
    return this.index.get(origin)?.get(seq);
  }
}

function indexEvent(index: Map<string, Map<number, WarEvent>>, e: WarEvent): void {
  const seqs = index.get(e.origin);
  if (seqs) seqs.set(e.seq, e);
  else index.set(e.origin, new Map([[e.seq, e]]));
}
