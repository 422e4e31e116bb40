import type { WarEvent } from '../src/kinds/event.js';
import { parseEvent } from '../src/kinds/event.js';

/**
 * A realistic incident of `n` events for benchmarks: hypotheses, actions linked to them, status changes, notes
 * and customers, from a few writers, with increasing clocks.
 */
export function syntheticIncident(n: number, incident = 'inc_bench00001', start = Date.UTC(2026, 10, 22, 14, 2)): WarEvent[] {
  const writers = ['alice', 'bob', 'carol', 'dan'].map((name, i) => ({
    origin: `o_bench${name}`,
    actor: { id: `u_bench${name}`, name: name[0]!.toUpperCase() + name.slice(1) },
    seq: 0,
    i,
  }));
  const events: WarEvent[] = [];
  const hypotheses: string[] = [];
  const actions: string[] = [];
  const push = (w: (typeof writers)[number], kind: string, data: unknown, id?: string) => {
    w.seq++;
    const r = parseEvent({
      v: 1,
      id: id ?? `e_${w.origin.slice(7)}${String(w.seq).padStart(8, '0')}`,
      incident,
      origin: w.origin,
      seq: w.seq,
      at: { ms: start + events.length * 250, c: 0 },
      actor: w.actor,
      kind,
      data,
    });
    if (!r.ok) throw new Error(r.error);
    events.push(r.value);
    return r.value.id;
  };
  push(writers[0]!, 'incident.opened', { title: 'Checkout failing for EU customers', severity: 'SEV1' }, incident);
  while (events.length < n) {
    const w = writers[events.length % writers.length]!;
    const r = events.length % 10;
    if (r === 0 || hypotheses.length === 0)
      hypotheses.push(push(w, 'hypothesis.added', { text: `primary database stalled while replicating (variant ${events.length})` }));
    else if (r <= 2)
      actions.push(
        push(w, 'action.added', {
          text: `check replica lag on db-${events.length % 7}`,
          links: [hypotheses[hypotheses.length - 1]!],
          owner: w.actor.name,
        }),
      );
    else if (r === 3)
      push(w, 'hypothesis.status', {
        target: hypotheses[hypotheses.length - 1]!,
        status: 'ruled-out',
        evidence: 'lag is zero on every replica',
      });
    else if (r === 4 && actions.length)
      push(w, 'action.status', { target: actions[actions.length - 1]!, status: 'done', result: 'no change in error rate' });
    else if (r === 5)
      push(w, 'impact.added', {
        customer: `Customer ${events.length}`,
        level: events.length % 3 ? 'major' : 'critical',
        contact: `ops${events.length}@example.com`,
      });
    else
      push(w, 'note.added', {
        text: `error rate ${events.length % 100}% on checkout, p99 ${events.length % 900} ms; "quoted", commas, and more`,
      });
  }
  return events;
}

export const toJsonLines = (events: readonly WarEvent[]): string => events.map((e) => JSON.stringify(e) + '\n').join('');
