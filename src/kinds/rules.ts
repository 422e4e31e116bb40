import type { KindEntry } from './define.js';
import type { WarEvent } from './event.js';
import { EVENT_KINDS, isEventKind, kindEntry, type EventKind } from './index.js';
import { refuse, type Refusal, type RulesView } from './rules-view.js';

/**
 * The one gate every event passes before it is recorded or stored, whichever road it came by:
 *
 * - `window`: the window's generic `event:record` channel (the renderer is untrusted);
 * - `service`: the app's own services and the CLI, through WarRoom.record;
 * - `hub`: a push to the hub (HubRoom.push), judged against the room's rules book;
 * - `fold`: a peer's events as they are ingested, and every replay of a log: the fold keeps a refused event
 *   out of the state and lists it in `state.refused`, so every peer holding the same events agrees.
 *
 * In order: access (a viewer writes nothing), the kinds only services record (the window's channel only), time
 * (nothing dated before the incident opened), the kind's rule (who may), and the kind's write policy (not when
 * folding: see KindEntry.writePolicy). Each kind's part lives in its registry entry (src/kinds/); this only
 * composes them. Pure and blind to order: it judges one event against a view; in what order events are judged
 * is the caller's business.
 */
export type Road = 'window' | 'service' | 'hub' | 'fold';
export type Access = 'editor' | 'viewer';

export interface Writer {
  road: Road;
  /** How this writer joined the room; a room that is not shared is the writer's own (editor). */
  access?: Access;
}

/** A room joined with a viewer invite is read-only everywhere: in the window, the CLI and at the hub. */
export function accessRefusal(access: Access | undefined): (Refusal & { code: 'forbidden' }) | null {
  if (access !== 'viewer') return null;
  return {
    code: 'forbidden',
    reason: 'you joined this room as a viewer, which is read-only: ask the commander for an editor link to write',
  };
}

/** The kinds the window's generic channel may not record: their services compute their data from the log. */
export const SERVICE_ONLY_KINDS: readonly EventKind[] = EVENT_KINDS.filter((k) => kindEntry(k).serviceOnly === true);

/** The kinds whose entry has a rule; every other kind passes the rules without building a view. */
export const RULED_KINDS: ReadonlySet<string> = new Set(EVENT_KINDS.filter((k) => kindEntry(k).rule !== undefined));

export function gate(view: RulesView, e: WarEvent, writer: Writer): Refusal | null {
  const denied = accessRefusal(writer.access);
  if (denied) return denied;
  const entry: KindEntry | undefined = isEventKind(e.kind) ? kindEntry(e.kind) : undefined;
  if (entry === undefined) return refuse('not-permitted', `unknown event kind "${String(e.kind).slice(0, 64)}"`);
  if (writer.road === 'window' && entry.serviceOnly)
    return refuse('service-only', `${e.kind} is recorded by the app's own steps (review, publish, drafts), not written directly`);
  const refusal = ruleRefusal(view, e, entry);
  if (refusal || writer.road === 'fold') return refusal;
  return entry.writePolicy?.(view, e) ?? null;
}

/** The rules every peer enforces, the fold included: time, then the kind's rule. */
export function ruleRefusal(view: RulesView, e: WarEvent, entry: KindEntry = kindEntry(e.kind)): Refusal | null {
  return timeRefusal(e, view.openedAt) ?? entry.rule?.(view, e) ?? null;
}

/** Nothing but the opening is dated before the incident opened (an entry "from 1970" would rewrite the story). */
export function timeRefusal(e: Pick<WarEvent, 'kind' | 'at' | 'actor'>, openedAt: number | null | undefined): Refusal | null {
  if (e.kind === 'incident.opened' || openedAt === null || openedAt === undefined || e.at.ms >= openedAt) return null;
  return refuse(
    'too-early',
    `${e.actor.name}'s event is dated ${new Date(e.at.ms).toISOString()}, before the incident opened (${new Date(openedAt).toISOString()})`,
  );
}

/**
 * "May I?": what the window asks before it offers a control: the rules the gate applies to the event the
 * control would write, by `actor`, now. (The write policies, such as the linter's, the window explains itself.)
 */
export function permits(view: RulesView, actor: WarEvent['actor'], kind: EventKind, data: unknown): Refusal | null {
  const e = { v: 1, id: 'e_preview', incident: '', origin: '', seq: 1, at: { ms: Number.MAX_SAFE_INTEGER, c: 0 }, actor, kind, data };
  return ruleRefusal(view, e as WarEvent);
}
