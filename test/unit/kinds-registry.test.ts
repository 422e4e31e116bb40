import { describe, expect, it } from 'vitest';
import { checkAgainstState } from '../../src/incident/commands.js';
import { fold } from '../../src/incident/fold.js';
import { EVENT_KINDS, KIND_FAMILIES, KINDS, kindLabel, timelineLook } from '../../src/kinds/index.js';
import { EventFactory } from '../helpers/events.js';

describe('the kind registry', () => {
  it("holds each kind once: no family repeats another family's kind", () => {
    const all = KIND_FAMILIES.flatMap((family) => Object.keys(family));
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(EVENT_KINDS);
  });

  it('gives every kind a schema, a check, a fold step and labels a reader understands', () => {
    for (const kind of EVENT_KINDS) {
      const entry = KINDS[kind];
      expect(typeof entry.schema.safeParse, kind).toBe('function');
      expect(typeof entry.check, kind).toBe('function');
      expect(typeof entry.fold, kind).toBe('function');
      expect(entry.label.length, kind).toBeGreaterThan(0);
      expect(kindLabel(kind)).not.toBe(kind);
      if (entry.timeline) expect(timelineLook(kind).label.length, kind).toBeGreaterThan(0);
    }
  });

  it('shows a kind it does not know by its name instead of failing', () => {
    expect(kindLabel('pin.added')).toBe('pin.added');
    expect(timelineLook('pin.added')).toEqual({ label: 'pin.added' });
  });

  it('keeps draft keystrokes out of the timeline', () => {
    const alice = new EventFactory();
    const open = alice.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, 1000);
    const draft = alice.make('draft.created', { title: 'We are investigating', audience: 'all', channel: 'status-page' }, 2000);
    const edit = alice.make('draft.edited', { target: draft.id, update: 'AQ==' }, 3000);
    const state = fold([open, draft, edit]);
    expect(state.eventCount).toBe(3);
    expect(state.timeline.map((r) => r.kind)).toEqual(['incident.opened', 'draft.created']);
    expect(state.drafts[draft.id]!.updates).toEqual(['AQ==']);
  });

  it("asks for an open incident before any kind's own check, and refuses opening twice", () => {
    const alice = new EventFactory();
    const empty = fold([], 'inc_test000001');
    expect(checkAgainstState(empty, 'note.added', { text: 'x' })).toMatchObject({
      ok: false,
      error: 'incident inc_test000001 has not been opened',
    });
    expect(checkAgainstState(empty, 'incident.opened', { title: 'x', severity: 'SEV2' }).ok).toBe(true);
    const opened = fold([alice.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, 1000)]);
    expect(checkAgainstState(opened, 'incident.opened', { title: 'x', severity: 'SEV2' }).ok).toBe(false);
    expect(checkAgainstState(opened, 'hypothesis.status', { target: 'h_missing0001', status: 'confirmed' })).toMatchObject({
      ok: false,
      error: 'no hypothesis "h_missing0001" in incident inc_test000001',
    });
  });
});
