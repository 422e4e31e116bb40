import type { EventDataInput, EventKind } from '../model/kinds.js';
import { fail, ok, type Result } from '../model/result.js';
import { ACTION_STATUSES, HYPOTHESIS_STATUSES } from '../model/vocabulary.js';
import type { IncidentState } from './state.js';

const list = (xs: readonly string[]): string => xs.join(', ');

/** Finds what an id names in an incident: an entry, a customer impact or a draft. */
export function lookup(state: IncidentState, id: string) {
  if (Object.hasOwn(state.entries, id)) return { type: state.entries[id]!.kind, item: state.entries[id]! } as const;
  if (Object.hasOwn(state.impacts, id)) return { type: 'impact', item: state.impacts[id]! } as const;
  if (Object.hasOwn(state.drafts, id)) return { type: 'draft', item: state.drafts[id]! } as const;
  return null;
}

/**
 * Turns "set the status of entry X to S" into the right event for X's kind, or says plainly why it does not fit
 * (a note has no status; a hypothesis cannot be "done").
 */
export function statusChange(
  state: IncidentState,
  entryId: string,
  status: string,
  text?: string,
): Result<{ kind: 'hypothesis.status'; data: EventDataInput<'hypothesis.status'> } | { kind: 'action.status'; data: EventDataInput<'action.status'> }> {
  const found = lookup(state, entryId);
  if (!found) return fail(`no entry "${entryId}" in incident ${state.id}`);
  if (found.item.retracted) return fail(`entry "${entryId}" was retracted`);
  if (found.type === 'hypothesis') {
    if (!(HYPOTHESIS_STATUSES as readonly string[]).includes(status)) {
      return fail(`a hypothesis cannot be "${status}": use ${list(HYPOTHESIS_STATUSES)}`);
    }
    return ok({ kind: 'hypothesis.status', data: { target: entryId, status: status as never, ...(text ? { evidence: text } : {}) } });
  }
  if (found.type === 'action') {
    if (!(ACTION_STATUSES as readonly string[]).includes(status)) {
      return fail(`an action cannot be "${status}": use ${list(ACTION_STATUSES)}`);
    }
    return ok({ kind: 'action.status', data: { target: entryId, status: status as never, ...(text ? { result: text } : {}) } });
  }
  return fail(`a ${found.type} has no status; only hypotheses and actions do`);
}

/**
 * Checks that an event makes sense against the incident as this peer sees it: targets exist, have the right
 * kind and are not retracted; links point at hypotheses. Local writes must pass this; remote events are only
 * schema-checked (they may legitimately arrive before their targets), and fold ignores dangling ones.
 */
export function checkAgainstState(state: IncidentState, kind: EventKind, data: Record<string, unknown>): Result<void> {
  if (kind === 'incident.opened') return state.openedBy ? fail(`incident ${state.id} is already open`) : ok(undefined);
  if (!state.openedBy) return fail(`incident ${state.id} has not been opened`);
  const expect = (id: unknown, types: readonly string[], what: string): Result<void> => {
    const found = lookup(state, String(id));
    if (!found) return fail(`no ${what} "${String(id)}" in incident ${state.id}`);
    if (!types.includes(found.type)) return fail(`"${String(id)}" is a ${found.type}, not a ${what}`);
    if (found.item.retracted) return fail(`"${String(id)}" was retracted`);
    return ok(undefined);
  };
  switch (kind) {
    case 'hypothesis.status':
      return expect(data.target, ['hypothesis'], 'hypothesis');
    case 'action.status':
      return expect(data.target, ['action'], 'action');
    case 'action.added':
      for (const link of (data.links as string[] | undefined) ?? []) {
        const r = expect(link, ['hypothesis'], 'hypothesis');
        if (!r.ok) return fail(`link: ${r.error}`);
      }
      return ok(undefined);
    case 'entry.edited': {
      const r = expect(data.target, ['hypothesis', 'action', 'note'], 'entry');
      if (!r.ok) return r;
      if (data.links !== undefined && lookup(state, String(data.target))?.type !== 'action') return fail('only actions have links');
      for (const link of (data.links as string[] | undefined) ?? []) {
        const l = expect(link, ['hypothesis'], 'hypothesis');
        if (!l.ok) return fail(`link: ${l.error}`);
      }
      return ok(undefined);
    }
    case 'entry.retracted':
      return expect(data.target, ['hypothesis', 'action', 'note', 'impact', 'draft'], 'entry');
    case 'impact.updated':
      return expect(data.target, ['impact'], 'customer impact');
    case 'draft.edited':
    case 'draft.updated':
    case 'draft.review':
    case 'draft.published': {
      const r = expect(data.target, ['draft'], 'draft');
      if (!r.ok) return r;
      const draft = state.drafts[String(data.target)]!;
      if (draft.publishedAt !== null && kind !== 'draft.updated') return fail(`draft "${draft.title}" was already published`);
      return ok(undefined);
    }
    default:
      return ok(undefined);
  }
}
