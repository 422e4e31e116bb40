import type { PayloadOf, PublishDelivery, PublishedDraft } from '../../src/ipc/contract.js';
import type { Draft } from '../../src/model/incident-state.js';
import { fail, ok, type Result } from '../../src/model/result.js';
import type { Role, TemplateKey } from '../../src/model/vocabulary.js';
import { DraftDocument } from '../lib/draft-document.js';
import { record } from './actions.js';
import { invoke } from './bridge.js';
import { useWarRoom } from './store.js';

/** Drafts: thin wrappers over the drafts channels, and the live Y.Doc of each draft on screen. */

const incident = (): string | null => useWarRoom.getState().current;
const noIncident = { ok: false as const, error: 'open an incident first', code: 'not-found' as const };

/**
 * One DraftDocument per draft this window has shown, kept in step with the folded log: whenever the store's
 * incident state changes (our events coming back, a teammate's arriving), every document takes the updates
 * it has not seen. That happens here, outside React's render, so a textarea bound to a document can change
 * its text and caret straight away. Draft ids are unique across incidents; a document is a few kilobytes.
 */
const documents = new Map<string, DraftDocument>();

useWarRoom.subscribe((s, before) => {
  const state = s.incidentState;
  if (!state || state === before.incidentState) return;
  for (const [id, d] of documents) {
    const draft = Object.hasOwn(state.drafts, id) ? state.drafts[id] : undefined;
    if (draft) d.sync(draft.updates);
  }
});

/** The live document for a draft (created from the log's updates on first use). */
export function draftDocument(draft: Pick<Draft, 'id' | 'updates'>): DraftDocument {
  let d = documents.get(draft.id);
  if (!d) {
    documents.set(draft.id, (d = new DraftDocument()));
    d.sync(draft.updates);
  }
  return d;
}

/** Drops a draft's document (after a refused save: the next read rebuilds it from the log alone). */
export function forgetDraftDocument(draftId: string): void {
  documents.delete(draftId);
}

export async function createDraft(input: Omit<PayloadOf<'drafts:create'>, 'incident'>): Promise<Result<string>> {
  const id = incident();
  if (!id) return noIncident;
  // The draft on screen steps aside at once: a hurried writer's next keystrokes must not land in it while main
  // is still making the new one.
  const before = useWarRoom.getState().selectedDraft;
  useWarRoom.getState().selectDraft(null);
  const r = await invoke('drafts:create', { incident: id, ...input });
  if (!r.ok) {
    useWarRoom.getState().selectDraft(before);
    return r;
  }
  // The editor opens as soon as draft.created is folded, perhaps before the template's own event: its
  // document already holds the template, and takes that event as one it has seen.
  if (r.value.seed && !documents.has(r.value.draftId)) draftDocument({ id: r.value.draftId, updates: [r.value.seed] });
  useWarRoom.getState().selectDraft(r.value.draftId);
  return ok(r.value.draftId);
}

/** Saves one (merged) Yjs update; null when saved, else why not. */
export async function saveDraftUpdate(draft: string, update: string): Promise<string | null> {
  const id = incident();
  if (!id) return noIncident.error;
  const r = await invoke('drafts:edit', { incident: id, draft, update });
  return r.ok ? null : r.error;
}

export async function updateDraft(draft: string, changes: Omit<PayloadOf<'drafts:update'>, 'incident' | 'draft'>): Promise<Result<null>> {
  const id = incident();
  if (!id) return noIncident;
  return invoke('drafts:update', { incident: id, draft, ...changes });
}

export async function reviewDraft(
  draft: string,
  step: 'ready' | 'approve' | 'back',
  acknowledged: string[],
  note?: string,
): Promise<Result<null>> {
  const id = incident();
  if (!id) return noIncident;
  return invoke('drafts:review', { incident: id, draft, step, acknowledged, ...(note ? { note } : {}) });
}

export async function publishDraft(
  draft: string,
  deliver: PublishDelivery,
  options: { markAffectedNotified?: boolean } = {},
): Promise<Result<PublishedDraft>> {
  const id = incident();
  if (!id) return noIncident;
  return invoke('drafts:publish', {
    incident: id,
    draft,
    deliver,
    ...(options.markAffectedNotified ? { markAffectedNotified: true } : {}),
  });
}

export async function discardDraft(draft: string): Promise<Result<null>> {
  const id = incident();
  if (!id) return noIncident;
  const r = await invoke('drafts:discard', { incident: id, draft, reason: 'discarded' });
  if (r.ok && useWarRoom.getState().selectedDraft === draft) useWarRoom.getState().selectDraft(null);
  return r;
}

/** The team's version of a template: every later draft for that status starts from it. */
export async function saveTemplate(key: TemplateKey, body: string): Promise<Result<null>> {
  const r = await record('template.saved', { key, body }, { quiet: true });
  return r.ok ? ok(null) : r;
}

/** Minutes between customer updates; the header's countdown and the cadence watcher follow it. */
export async function setCadence(minutes: number): Promise<Result<null>> {
  const r = await record('cadence.set', { minutes }, { quiet: true });
  return r.ok ? ok(null) : r;
}

/** Takes a role in the incident (e.g. comms lead, to approve customer updates). */
export async function takeRole(role: Role): Promise<Result<null>> {
  const me = useWarRoom.getState().info?.actor;
  if (!me) return fail('who you are is not known yet: wait a moment and try again');
  const r = await record('role.assigned', { role, person: { id: me.id, name: me.name } }, { quiet: true });
  return r.ok ? ok(null) : r;
}
