import type { EnvelopeBase } from './envelope.js';

type Event = Pick<EnvelopeBase, 'id' | 'incident' | 'actor' | 'key' | 'sig'> & { kind: string };

// Events of other incidents never get this far (every road checks `incident` first): the opening is the one whose
// id is its incident's.

/**
 * Whether an unsigned event may stand in a room, judged where events arrive (the app's and CLI's ingest, the
 * browser view). Unsigned events are legacy: a log written before keys existed still opens. But in a room born
 * signed (its own opening is signed; while the opening is not here yet, any signed event), an unsigned event is
 * a claim nobody can check: a hostile or old hub could hand out "by Alice" lines without Alice's key. Those are
 * refused, and so is an unsigned event naming an author whose key signs in this room (an upgraded legacy room).
 */
export class SignedRoom {
  /** Whether the room's own opening is signed; undefined while it is not held. */
  private openingSigned: boolean | undefined;
  private anySigned = false;
  private readonly signers = new Set<string>();

  /** An event this peer holds (or is judging in the same batch). */
  note(e: Event): void {
    const signed = e.sig !== undefined;
    if (e.kind === 'incident.opened' && e.id === e.incident) this.openingSigned ??= signed;
    if (!signed) return;
    this.anySigned = true;
    this.signers.add(e.actor.id);
  }

  /** A copy that can note a batch before it is accepted, without changing what is held. */
  copy(): SignedRoom {
    const c = new SignedRoom();
    c.openingSigned = this.openingSigned;
    c.anySigned = this.anySigned;
    for (const s of this.signers) c.signers.add(s);
    return c;
  }

  /** Why `e` is refused for carrying no signature here; null when it is signed, or legacy in a legacy room. */
  refusal(e: Event): { code: 'unsigned'; reason: string } | null {
    if (e.sig !== undefined || e.key !== undefined) return null;
    const who = `${e.actor.name} (${e.actor.id})`;
    if (this.signers.has(e.actor.id))
      return {
        code: 'unsigned',
        reason: `event ${e.id} is not signed, but ${who} signs their events in this room: nothing proves they wrote it`,
      };
    if (this.openingSigned ?? this.anySigned)
      return { code: 'unsigned', reason: `event ${e.id} is not signed in a room whose events are: nothing proves that ${who} wrote it` };
    return null;
  }
}
