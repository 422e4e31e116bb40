import { kindEntry, lookup } from '../kinds/index.js';
import type { EventDataInput, EventKind } from '../kinds/index.js';
import { fail, ok, type Result } from '../model/result.js';
import { ACTION_STATUSES, HYPOTHESIS_STATUSES } from '../model/vocabulary.js';
import type { IncidentState } from '../model/incident-state.js';

const list = (xs: readonly string[]): string => xs.join(', ');

/**
 * Turns "set the status of entry X to S" into the right event for X's kind, or says plainly why it does not fit
 * (a note has no status; a hypothesis cannot be "done").
 */
export function statusChange(
  state: IncidentState,
  entryId: string,
  status: string,
  text?: string,
): Result<
  | { kind: 'hypothesis.status'; data: EventDataInput<'hypothesis.status'> }
  | { kind: 'action.status'; data: EventDataInput<'action.status'> }
> {
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
 * Checks that an event makes sense against the incident as this peer sees it: the incident is open, then the
 * kind's own check (src/kinds/): targets exist, have the right kind and are not retracted; links point at
 * hypotheses. Local writes must pass this; remote events are only schema-checked (they may legitimately arrive
 * before their targets), and fold ignores dangling ones. `data` is what the kind's schema output.
 */
export function checkAgainstState(state: IncidentState, kind: EventKind, data: Record<string, unknown>): Result<void> {
  // Every kind but the one that opens the incident needs it open.
  if (kind !== 'incident.opened' && !state.openedBy) return fail(`incident ${state.id} has not been opened`);
  return kindEntry(kind).check(state, data);
}
