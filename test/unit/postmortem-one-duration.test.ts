import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { summarize } from '../../src/incident/summary.js';
import { impactSpan, incidentDurations } from '../../src/incident/milestones.js';
import { keyEvents } from '../../src/incident/key-events.js';
import { buildPostmortem } from '../../src/export/postmortem-model.js';
import { formatDuration, timeFormatter } from '../../src/export/time-zone.js';
import { writeMarkdown } from '../../src/export/markdown-writer.js';
import { EventFactory } from '../helpers/events.js';

const T0 = Date.UTC(2026, 11, 8, 15, 35); // Tuesday 15:35 UTC: the incident is opened (detected)
const MIN = 60_000;
const SUNDAY_MORNING = T0 - 2 * 24 * 60 * MIN - 6 * 60 * MIN; // Sunday 09:35 UTC: customers were hit from here

/** Impact began on Sunday; the team opened the incident on Tuesday and resolved it 2 minutes later; triage flip-flopped. */
function story() {
  const f = new EventFactory();
  const events = [f.make('incident.opened', { title: 'Checkout failing (SASSER quarantine)', severity: 'SEV1' }, T0)];
  const db = f.make('hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }, T0 + 5_000);
  const ip = f.make('hypothesis.added', { text: 'IP address conflict on the private network' }, T0 + 6_000);
  events.push(db, ip);
  // Fourteen flips on the database, ending confirmed; the IP conflict ruled out, re-opened, ruled out again.
  const flips = ['investigating', 'confirmed', 'ruled-out', 'confirmed', 'open', 'ruled-out', 'investigating'] as const;
  let t = T0 + 10_000;
  for (const status of [...flips, ...flips, 'confirmed' as const])
    events.push(f.make('hypothesis.status', { target: db.id, status }, (t += 1_000)));
  for (const status of ['ruled-out', 'open', 'ruled-out'] as const)
    events.push(f.make('hypothesis.status', { target: ip.id, status }, (t += 1_000)));
  events.push(
    f.make('milestone.set', { milestone: 'impact-started', at: SUNDAY_MORNING }, T0 + 60_000),
    f.make('incident.updated', { status: 'resolved' }, T0 + 2 * MIN),
  );
  return { state: fold(events), db: db.id, ip: ip.id, confirmedAt: t - 3_000, ruledOutAt: t };
}

describe('a postmortem that agrees with itself', () => {
  it('one duration model, impact started -> resolved, in the header, the summary, the overview, the impact section and the durations list', () => {
    const { state } = story();
    const whole = T0 + 2 * MIN - SUNDAY_MORNING;
    const said = formatDuration(whole);
    expect(said).toBe('2 d 6 h');
    // The durations list (and the incident list's "resolved in").
    expect(incidentDurations(state).find((d) => d.key === 'time-to-resolve')?.ms).toBe(whole);
    // The header's clock and the summary.
    expect(impactSpan(state, T0 + 10 * MIN)).toMatchObject({ ms: whole, ended: true, fromMilestone: 'impact-started' });
    expect(summarize(state, T0 + 10 * MIN).durationMs).toBe(whole);
    // The postmortem: its own figure, its overview and its impact section.
    const pm = buildPostmortem(state, timeFormatter('UTC'));
    expect(pm.durationMs).toBe(whole);
    expect(pm.facts.overview.join(' ')).toContain(`${said} after impact started`);
    expect(pm.facts.impact).toContain(`Duration: ${said}.`);
    // Nothing in the written postmortem says "after 2 min" of an incident that hurt customers for two days.
    const md = writeMarkdown(state);
    expect(md).not.toMatch(/after 2 min\b/);
    expect(md).toContain(said);
  });

  it('key events keep one verdict per hypothesis, the final one, with when it was reached', () => {
    const { state, confirmedAt, ruledOutAt } = story();
    const verdicts = keyEvents(state).filter((k) => k.kind === 'hypothesis');
    expect(verdicts.map((k) => [k.at, k.what.slice(0, 40)])).toEqual([
      [confirmedAt, expect.stringMatching(/^Hypothesis confirmed: primary database/)],
      [ruledOutAt, expect.stringMatching(/^Hypothesis ruled out: IP address conflic/)],
    ]);
  });
});
