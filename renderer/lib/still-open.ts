import type { Action, Hypothesis, IncidentState } from '../../src/model/incident-state.js';
import type { Actor } from '../../src/model/envelope.js';
import { mayKeepStatement } from '../../src/model/identity.js';
import { hypothesisNumbers, hypothesisLabel } from './hypothesis-numbers.js';

const live = <T extends { retracted: unknown }>(x: T | undefined): x is T => x !== undefined && x.retracted === null;

/**
 * What is still open when someone resolves the incident: hypotheses nobody settled, actions still running,
 * affected customers never told, and no customer update since work moved to monitoring (the final one).
 * One line each, in words the resolve dialog shows and the timeline records.
 */
export function stillOpen(state: IncidentState): string[] {
  const numbers = hypothesisNumbers(state);
  const out: string[] = [];
  const hypotheses = state.hypotheses.map((id) => state.entries[id]).filter(live) as Hypothesis[];
  const unsettled = hypotheses.filter((h) => h.status === 'open' || h.status === 'investigating');
  if (unsettled.length)
    out.push(
      `${unsettled.length} hypothes${unsettled.length === 1 ? 'is' : 'es'} not settled: ${unsettled.map((h) => `${hypothesisLabel(numbers.get(h.id) ?? 0)} ${h.text} (${h.status})`).join('; ')}`,
    );
  const running = (state.actions.map((id) => state.entries[id]).filter(live) as Action[]).filter(
    (a) => a.status === 'running' || a.status === 'planned',
  );
  if (running.length)
    out.push(
      `${running.length} action${running.length === 1 ? '' : 's'} not finished: ${running.map((a) => `${a.text} (${a.status})`).join('; ')}`,
    );
  const untold = state.impactOrder
    .map((id) => state.impacts[id])
    .filter(live)
    .filter((i) => i.notifiedAt === null);
  if (untold.length)
    out.push(
      `${untold.length} affected customer${untold.length === 1 ? '' : 's'} not notified: ${untold.map((i) => i.customer).join(', ')}`,
    );
  const monitoringSince = [...state.statusHistory].reverse().find((s) => s.status === 'monitoring')?.at ?? null;
  const last = state.updates[state.updates.length - 1];
  if (!last) out.push('no customer update has been published');
  else if (monitoringSince !== null && last.at < monitoringSince) out.push('no final customer update since the fix (monitoring)');
  return out;
}

/** Commander or scribe keep the status statement; while neither role is held, anyone may (the fold's rule). */
export const canKeepStatement = (state: IncidentState, me: Actor | null): boolean => mayKeepStatement(state, me);
