import { describe, expect, it } from 'vitest';
import { checkAgainstState } from '../../src/incident/commands.js';
import { fold } from '../../src/incident/fold.js';
import { incidentDurations, milestoneViews } from '../../src/incident/milestones.js';
import { parseEvent } from '../../src/kinds/event.js';
import { EventFactory } from '../helpers/events.js';
import { OUTAGE_INCIDENT, OUTAGE_START, outageStory } from '../helpers/outage-story.js';

const min = (n: number) => OUTAGE_START + n * 60_000;
const eve = new EventFactory(OUTAGE_INCIDENT, 'o_evepeer001', { id: 'u_eve0000001', name: 'Eve' });
const raw = (kind: string, data: unknown) =>
  parseEvent({
    v: 1,
    id: 'e_raw0000001',
    incident: OUTAGE_INCIDENT,
    origin: 'o_evepeer001',
    seq: 1,
    at: { ms: min(130), c: 0 },
    actor: { id: 'u_eve0000001', name: 'Eve' },
    kind,
    data,
  });

describe('milestones', () => {
  it('are set after the fact, by someone, and can be corrected or cleared', () => {
    const events = outageStory();
    events.push(eve.make('milestone.set', { milestone: 'impact-started', at: min(-10) }, min(125)));
    events.push(
      eve.make('milestone.set', { milestone: 'impact-started', at: min(-7), note: 'first 5xx in the load balancer log' }, min(126)),
    );
    const state = fold(events);
    expect(state.milestones?.['impact-started']).toMatchObject({
      at: min(-7),
      by: { name: 'Eve' },
      recordedAt: min(126),
      note: 'first 5xx in the load balancer log',
    });
    // Unset ones come from the log where it knows: detection = opening, resolution = status resolved.
    expect(milestoneViews(state).map((m) => [m.key, m.source])).toEqual([
      ['impact-started', 'recorded'],
      ['detected', 'incident opened'],
      ['acknowledged', null],
      ['mitigated', null],
      ['resolved', 'status resolved'],
    ]);
    expect(incidentDurations(state).map((d) => d.ms)).toEqual([7 * 60_000, null, null, (118 + 7) * 60_000]);
    events.push(eve.make('milestone.set', { milestone: 'impact-started', at: null }, min(127)));
    expect(fold(events).milestones?.['impact-started']).toBeUndefined();
  });

  it('keep their order: a write that would put detection before impact is refused with both times', () => {
    const state = fold([...outageStory(), eve.make('milestone.set', { milestone: 'detected', at: min(-2) }, min(125))]);
    const r = checkAgainstState(state, 'milestone.set', { milestone: 'impact-started', at: min(0) });
    expect(r).toMatchObject({ ok: false, error: 'impact started (2026-11-22 14:02 UTC) cannot be after detected (2026-11-22 14:00 UTC)' });
    expect(checkAgainstState(state, 'milestone.set', { milestone: 'resolved', at: min(-5) })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/resolved .* cannot be before detected/),
    });
    expect(checkAgainstState(state, 'milestone.set', { milestone: 'impact-started', at: min(-9) })).toEqual({ ok: true, value: undefined });
  });

  it('a time in the future of its own event is shown but never used, on every peer (fold, not just the window)', () => {
    const state = fold([...outageStory(), eve.make('milestone.set', { milestone: 'mitigated', at: min(400) }, min(125))]);
    expect(state.milestones?.mitigated).toBeUndefined();
    expect(state.timeline.at(-1)?.text).toMatch(/^Mitigated: ignored, .* is in the future$/);
  });

  it('refuse unknown milestones and malformed times', () => {
    expect(raw('milestone.set', { milestone: 'noticed', at: min(1) }).ok).toBe(false);
    expect(raw('milestone.set', { milestone: 'detected', at: -5 }).ok).toBe(false);
    expect(raw('milestone.set', { milestone: 'detected', at: min(1), extra: 1 }).ok).toBe(false);
  });
});

describe('follow-ups', () => {
  it('need an owner, a real due day, a type; a tracker link is http or https only', () => {
    const good = {
      text: 'alert on replication lag',
      owner: 'Bob',
      due: '2026-12-04',
      type: 'detect',
      url: 'https://tracker.example/OPS-1',
    };
    expect(raw('followup.added', good).ok).toBe(true);
    expect(raw('followup.added', { ...good, url: 'http://jira.internal/browse/OPS-1' }).ok).toBe(true);
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ftp://x.example/a',
      'https://',
      'https://exa mple.com',
      'data:text/html,hi',
    ]) {
      const r = raw('followup.added', { ...good, url });
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/url: must be an http or https link/);
    }
    expect(raw('followup.added', { ...good, due: '2026-02-30' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/due: must be a calendar day, YYYY-MM-DD/),
    });
    expect(raw('followup.added', { ...good, owner: '' }).ok).toBe(false);
    expect(raw('followup.added', { ...good, type: 'blame' }).ok).toBe(false);
  });

  it('are listed in order, updated, marked done or dropped, and an update must name a follow-up', () => {
    const a = eve.make('followup.added', { text: 'alert on replication lag', owner: 'Bob', due: '2026-12-04', type: 'detect' }, min(130));
    const b = eve.make(
      'followup.added',
      { text: 'runbook', owner: 'Ana', due: '2026-12-11', type: 'process', url: 'https://x.example/1' },
      min(131),
    );
    const u = eve.make('followup.updated', { target: b.id, status: 'done', url: null, owner: 'Cy' }, min(132));
    const state = fold([...outageStory(), a, b, u]);
    expect(state.followUpOrder).toEqual([a.id, b.id]);
    expect(state.followUps?.[b.id]).toMatchObject({ status: 'done', owner: 'Cy' });
    expect(state.followUps?.[b.id]?.url).toBeUndefined();
    expect(checkAgainstState(state, 'followup.updated', { target: 'e_nothere0001', status: 'done' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no follow-up "e_nothere0001"/),
    });
  });

  it('leave an incident without them exactly as it folded before they existed', () => {
    const state = fold(outageStory());
    expect(Object.keys(state)).not.toContain('milestones');
    expect(Object.keys(state)).not.toContain('followUps');
  });
});
