import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { describeCounts, sinceDigest } from '../../src/incident/key-events.js';
import { filterChoices, filterTimeline, NO_FILTERS } from '../../renderer/lib/timeline-filter.js';
import { sortImpacts } from '../../renderer/lib/impact-sort.js';
import { matchCommands } from '../../renderer/lib/palette.js';
import { clockDuration, relativeTime, utcTime } from '../../renderer/lib/time-format.js';
import { numberedHypotheses } from '../../renderer/lib/hypothesis-numbers.js';
import { shortcutFor } from '../../renderer/lib/shortcuts.js';
import { EventFactory } from '../helpers/events.js';

const alice = new EventFactory('inc_test000001', 'o_alice00001', { id: 'u_alice00001', name: 'Alice' });
const bob = new EventFactory('inc_test000001', 'o_bob0000001', { id: 'u_bob0000001', name: 'Bob' });
const opened = alice.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, 1_000);
const h1 = alice.make('hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }, 2_000);
const h2 = bob.make('hypothesis.added', { text: 'IP address conflict on the private network' }, 3_000);
const a1 = bob.make('action.added', { text: 'compare ARP tables', links: [h2.id] }, 4_000);
const out = bob.make('hypothesis.status', { target: h2.id, status: 'ruled-out', evidence: 'no duplicate addresses' }, 10_000);
const status = alice.make('incident.updated', { status: 'identified' }, 11_000);
const acme = alice.make('impact.added', { customer: 'Acme Corp', level: 'critical' }, 12_000);
const globex = alice.make('impact.added', { customer: 'Globex', level: 'critical' }, 12_500);
const told = alice.make('impact.updated', { target: acme.id, notifiedAt: 13_000 }, 13_000);
const note = bob.make('note.added', { text: 'replication resumed' }, 14_000);
const state = fold([opened, h1, h2, a1, out, status, acme, globex, told, note]);

describe('what changed since I last looked', () => {
  it('counts what was added after the last look and names what matters', () => {
    const d = sinceDigest(state, 5_000);
    expect(d.total).toBe(6);
    expect(d.counts).toEqual({ hypotheses: 0, actions: 0, notes: 1, customers: 2, updates: 0 });
    expect(d.highlights).toEqual([
      'Acme Corp was notified',
      'Status changed to identified by Alice',
      'Ruled out: IP address conflict on the private network (no duplicate addresses)',
    ]);
    expect(d.authors.sort()).toEqual(['Alice', 'Bob']);
    expect(describeCounts(d.counts)).toBe('1 note, 2 customers affected');
    expect(sinceDigest(state, 20_000).total).toBe(0);
  });
});

describe('timeline filters', () => {
  it('filters by kind, author, status and words, and returns the same array when nothing is set', () => {
    expect(filterTimeline(state.timeline, NO_FILTERS)).toBe(state.timeline);
    expect(filterTimeline(state.timeline, { ...NO_FILTERS, kind: 'hypothesis' }).map((r) => r.kind)).toEqual([
      'hypothesis.added',
      'hypothesis.added',
      'hypothesis.status',
    ]);
    expect(filterTimeline(state.timeline, { ...NO_FILTERS, author: 'Bob', status: 'ruled-out' }).map((r) => r.id)).toEqual([h2.id, out.id]);
    expect(filterTimeline(state.timeline, { ...NO_FILTERS, text: 'duplicate ADDRESSES' }).map((r) => r.id)).toEqual([out.id]);
    expect(filterChoices(state.timeline)).toEqual({
      authors: ['Alice', 'Bob'],
      statuses: ['identified', 'investigating', 'open', 'planned', 'ruled-out'],
    });
  });
});

describe('customer list order', () => {
  it('puts the worst hit and not yet told first', () => {
    const impacts = state.impactOrder.map((id) => state.impacts[id]!);
    expect(sortImpacts(impacts, 'impact').map((i) => i.customer)).toEqual(['Globex', 'Acme Corp']);
    expect(sortImpacts(impacts, 'name').map((i) => i.customer)).toEqual(['Acme Corp', 'Globex']);
  });
});

describe('small pieces', () => {
  it('numbers hypotheses in the order they were raised', () => {
    expect(numberedHypotheses(state).map((h) => [h.number, h.status])).toEqual([
      [1, 'open'],
      [2, 'ruled-out'],
    ]);
  });

  it('matches palette commands on every word, best first', () => {
    const items = [
      { label: 'Go to Timeline' },
      { label: 'Set status: identified' },
      { label: 'Set severity: SEV2' },
      { label: 'Timeline search' },
    ];
    expect(matchCommands(items, 'status ident').map((i) => i.label)).toEqual(['Set status: identified']);
    expect(matchCommands(items, 'timeline').map((i) => i.label)).toEqual(['Timeline search', 'Go to Timeline']);
    expect(matchCommands(items, '')).toHaveLength(4);
    expect(matchCommands(items, 'zzz')).toEqual([]);
  });

  it('formats durations and absolute times', () => {
    expect(clockDuration(3_852_000)).toBe('1:04:12');
    expect(clockDuration(252_000)).toBe('4:12');
    expect(utcTime(Date.UTC(2025, 2, 4, 14, 2, 7))).toBe('2025-03-04 14:02:07 UTC');
    expect(relativeTime(1_000_000, 1_005_000)).toBe('just now');
    expect(relativeTime(0, 4 * 60_000 + 30_000)).toBe('4 minutes ago');
  });

  it('maps keys to commands: modifiers work while typing, single keys only when not', () => {
    const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
      key: k,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      ...mods,
    });
    expect(shortcutFor(key('k', { ctrlKey: true }), true)).toBe('palette');
    expect(shortcutFor(key('K', { metaKey: true }), false)).toBe('palette');
    expect(shortcutFor(key('2', { altKey: true }), true)).toBe('view-board');
    expect(shortcutFor(key('/'), false)).toBe('search');
    expect(shortcutFor(key('/'), true)).toBeNull();
    expect(shortcutFor(key('?'), false)).toBe('shortcuts');
    expect(shortcutFor(key('x'), false)).toBeNull();
  });
});
