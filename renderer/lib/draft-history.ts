import type { Actor } from '../../src/model/envelope.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { textOfUpdates } from './draft-document.js';

export type RevisionKind = 'created' | 'edited' | 'ready' | 'approved' | 'back-to-editing' | 'details' | 'published' | 'discarded';

/** One line of a draft's history: a stretch of editing, or one review step. */
export interface DraftRevision {
  /** The id of the last event in it: "the text as of here" replays up to and including that event. */
  id: string;
  kind: RevisionKind;
  /** Everyone who wrote in it (one name for a review step). */
  people: string[];
  by: Actor;
  from: number;
  to: number;
  /** How many saved edits (draft.edited events) it holds. */
  edits: number;
  acknowledged?: string[];
  note?: string;
}

const targetOf = (e: WarEvent): string | undefined => {
  const data = e.data as { target?: unknown };
  return typeof data.target === 'string' ? data.target : undefined;
};

/** The draft's own events, in log order. */
export function draftEvents(events: readonly WarEvent[], draftId: string): WarEvent[] {
  return events.filter((e) =>
    e.kind === 'draft.created'
      ? e.id === draftId
      : e.kind.startsWith('draft.') || e.kind === 'entry.retracted'
        ? targetOf(e) === draftId
        : false,
  );
}

/**
 * A draft's history as people think of it: "Alice and Bob edited, 14:02 to 14:05, 37 saves", then "Alice
 * marked it ready". Edits less than `gapMs` apart are one stretch, whoever made them (two people co-editing
 * are one stretch, not a hundred alternating lines); a review step always starts a new line. The starting
 * text saved with the draft belongs to "created".
 */
export function draftRevisions(events: readonly WarEvent[], draftId: string, gapMs = 60_000): DraftRevision[] {
  const revisions: DraftRevision[] = [];
  let seededBy: string | null = null;
  for (const e of draftEvents(events, draftId)) {
    const at = e.at.ms;
    const last = revisions[revisions.length - 1];
    if (e.kind === 'draft.created') {
      revisions.push({ id: e.id, kind: 'created', people: [e.actor.name], by: e.actor, from: at, to: at, edits: 0 });
      seededBy = e.actor.id;
      continue;
    }
    if (e.kind === 'draft.edited') {
      if (last?.kind === 'created' && last.edits === 0 && seededBy === e.actor.id) {
        Object.assign(last, { id: e.id, to: at, edits: 1 });
        continue;
      }
      seededBy = null;
      if (last?.kind === 'edited' && at - last.to < gapMs) {
        if (!last.people.includes(e.actor.name)) last.people.push(e.actor.name);
        Object.assign(last, { id: e.id, to: at, edits: last.edits + 1 });
        continue;
      }
      revisions.push({ id: e.id, kind: 'edited', people: [e.actor.name], by: e.actor, from: at, to: at, edits: 1 });
      continue;
    }
    seededBy = null;
    const data = e.data as { state?: string; acknowledged?: string[]; note?: string };
    const kind: RevisionKind | null =
      e.kind === 'draft.review'
        ? data.state === 'ready'
          ? 'ready'
          : data.state === 'approved'
            ? 'approved'
            : 'back-to-editing'
        : e.kind === 'draft.published'
          ? 'published'
          : e.kind === 'draft.updated'
            ? 'details'
            : e.kind === 'entry.retracted'
              ? 'discarded'
              : null;
    if (!kind) continue;
    revisions.push({
      id: e.id,
      kind,
      people: [e.actor.name],
      by: e.actor,
      from: at,
      to: at,
      edits: 0,
      ...(data.acknowledged?.length ? { acknowledged: data.acknowledged } : {}),
      ...(data.note ? { note: data.note } : {}),
    });
  }
  return revisions;
}

/** The draft's text as it stood right after event `upTo`: its updates up to there, replayed. */
export function draftTextAt(events: readonly WarEvent[], draftId: string, upTo: string): string {
  const updates: string[] = [];
  for (const e of draftEvents(events, draftId)) {
    if (e.kind === 'draft.edited') updates.push((e.data as { update: string }).update);
    if (e.id === upTo) break;
  }
  return textOfUpdates(updates);
}

const KIND_WORDS: Record<RevisionKind, string> = {
  created: 'started it',
  edited: 'edited',
  ready: 'marked it ready',
  approved: 'approved it',
  'back-to-editing': 'took it back to editing',
  details: 'changed its details',
  published: 'published it',
  discarded: 'discarded it',
};

/** "Alice and Bob edited (12 saves)", "Bob approved it (acknowledged: empty-apology)". */
export function describeRevision(r: DraftRevision): string {
  const who =
    r.people.length <= 1 ? (r.people[0] ?? r.by.name) : `${r.people.slice(0, -1).join(', ')} and ${r.people[r.people.length - 1]}`;
  const saves = r.kind === 'edited' ? ` (${r.edits} save${r.edits === 1 ? '' : 's'})` : '';
  const ack = r.acknowledged?.length ? ` (acknowledged: ${r.acknowledged.join(', ')})` : '';
  return `${who} ${KIND_WORDS[r.kind]}${saves}${ack}`;
}

/** Who saved edits to the draft since `since` (ms): "writing now". Reads the log from its end and stops early. */
export function recentEditors(events: readonly WarEvent[], draftId: string, since: number): string[] {
  const names: string[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.at.ms < since) break;
    if (e.kind === 'draft.edited' && targetOf(e) === draftId && !names.includes(e.actor.name)) names.push(e.actor.name);
  }
  return names;
}
