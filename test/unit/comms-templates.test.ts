import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import type { WarEvent } from '../../src/model/envelope.js';
import { TEMPLATE_KEYS, type IncidentStatus } from '../../src/model/vocabulary.js';
import { hasErrors, lintUpdate } from '../../src/comms/linter/index.js';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, renderTemplate } from '../../src/comms/templates.js';
import { EventFactory } from '../helpers/events.js';

const T0 = Date.UTC(2025, 2, 3, 14, 2);
const MIN = 60_000;

/** A typical incident: opened at 14:02 UTC, a leading hypothesis, an action under way, three customers hit. */
function typicalIncident(status: IncidentStatus, extra: (f: EventFactory) => WarEvent[] = () => []): WarEvent[] {
  const f = new EventFactory();
  const open = f.make('incident.opened', { title: 'Card payments failing at checkout', severity: 'SEV1', summary: 'card payments at checkout are failing in the EU region.' }, T0);
  const db = f.make('hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }, T0 + MIN);
  const act = f.make('action.added', { text: 'move traffic to the standby database', links: [db.id] }, T0 + 2 * MIN);
  const events = [
    open,
    db,
    f.make('hypothesis.added', { text: 'IP address conflict on the private network' }, T0 + MIN + 1),
    act,
    f.make('action.status', { target: act.id, status: status === 'investigating' || status === 'identified' ? 'running' : 'done' }, T0 + 3 * MIN),
    f.make('impact.added', { customer: 'Acme Corp', level: 'critical' }, T0 + 4 * MIN),
    f.make('impact.added', { customer: 'Globex', level: 'major' }, T0 + 5 * MIN),
    f.make('impact.added', { customer: 'Initech', level: 'major' }, T0 + 6 * MIN),
  ];
  if (status !== 'investigating') {
    events.push(f.make('hypothesis.status', { target: db.id, status: 'confirmed', evidence: 'writes blocked' }, T0 + 20 * MIN));
    events.push(f.make('incident.updated', { status: 'identified' }, T0 + 21 * MIN));
  }
  if (status === 'monitoring' || status === 'resolved') events.push(f.make('incident.updated', { status: 'monitoring' }, T0 + 50 * MIN));
  if (status === 'resolved') events.push(f.make('incident.updated', { status: 'resolved' }, T0 + 68 * MIN));
  return [...events, ...extra(f)];
}

const NOW = T0 + 70 * MIN;

describe('renderTemplate', () => {
  it('renders every default template, for an incident in the matching status, free of error-level findings', () => {
    const statusFor = { investigating: 'investigating', identified: 'identified', monitoring: 'monitoring', resolved: 'resolved', postmortem: 'resolved' } as const;
    for (const key of TEMPLATE_KEYS) {
      const state = fold(typicalIncident(statusFor[key]));
      const text = renderTemplate(key, state, { now: NOW });
      const findings = lintUpdate(text, { status: state.status, affectedCustomers: 3, audience: 'affected' });
      expect(hasErrors(findings), `${key}:\n${text}\n${JSON.stringify(findings, null, 1)}`).toBe(false);
      // Not just error-free: the defaults are meant to be examples of a clean update.
      expect(findings.filter((f) => f.severity !== 'info').map((f) => f.rule), key).toEqual([]);
      expect(text).not.toMatch(/\{[a-zA-Z]+\}/);
    }
  });

  it('fills what is affected, since when, how many, what we are doing and the next update time', () => {
    const state = fold(typicalIncident('investigating'));
    const text = renderTemplate('investigating', state, { now: T0 + 10 * MIN });
    expect(text).toContain('What is affected: Card payments at checkout are failing in the EU region');
    expect(text).toContain('Since: 14:02 UTC');
    expect(text).toContain('Customers affected: 3 customers');
    expect(text).toContain('Our leading line of investigation: primary database stalled while replicating to its replicas.');
    expect(text).toContain('Under way now: move traffic to the standby database.');
    // One cadence (30 min while investigating) after now (14:12), rounded up to 5 minutes.
    expect(text).toContain('Next update at 14:45 UTC');
  });

  it('uses the time zone asked for, falls back to UTC for an unknown one, and dates a start on another day', () => {
    const state = fold(typicalIncident('investigating'));
    expect(renderTemplate('investigating', state, { now: T0 + 10 * MIN, tz: 'Europe/Paris' })).toMatch(/Since: 15:02 (?:CET|GMT\+1)/);
    expect(renderTemplate('investigating', state, { now: T0 + 10 * MIN, tz: 'Not/AZone' })).toContain('Since: 14:02 UTC');
    expect(renderTemplate('investigating', state, { now: T0 + 24 * 60 * MIN })).toContain('Since: 14:02 UTC on 3 March');
  });

  it('describes the resolved incident with its end, duration and cause, and promises no further update', () => {
    const state = fold(typicalIncident('resolved'));
    const text = renderTemplate('resolved', state, { now: NOW });
    expect(text).toContain('When: from 14:02 UTC to 15:10 UTC (1 h 8 min)');
    expect(text).toContain('Cause: Primary database stalled while replicating to its replicas.');
    expect(text).toContain('What we did: Move traffic to the standby database.');
    expect(text).toContain('This is our final update');
  });

  it('uses the team\'s saved template instead of the default, and leaves unknown placeholders for the linter', () => {
    const state = fold(
      typicalIncident('investigating', (f) => [f.make('template.saved', { key: 'investigating', body: 'Hi! {affected} since {since}; {customers}. {nope}' }, T0 + 30 * MIN)]),
    );
    const text = renderTemplate('investigating', state, { now: T0 + 31 * MIN });
    expect(text).toBe('Hi! Card payments at checkout are failing in the EU region since 14:02 UTC; 3 customers. {nope}');
    expect(lintUpdate(text).map((f) => f.rule)).toContain('unfilled-placeholder');
    expect(renderTemplate('identified', state, { now: T0 + 31 * MIN })).toContain('Cause identified:');
  });

  it('says honestly when customers are still being counted and no cause is known', () => {
    const f = new EventFactory();
    const state = fold([f.make('incident.opened', { title: 'Login page slow', severity: 'SEV2' }, T0)]);
    const text = renderTemplate('investigating', state, { now: T0 + MIN });
    expect(text).toContain('What is affected: Login page slow');
    expect(text).toContain('Customers affected: still being counted');
    expect(text).toContain('Our engineers are working to find the cause.');
    expect(hasErrors(lintUpdate(text))).toBe(false);
  });

  it('documents every placeholder the defaults use', () => {
    for (const body of Object.values(DEFAULT_TEMPLATES)) {
      for (const [, name] of body.matchAll(/\{([a-zA-Z]+)\}/g)) expect(Object.keys(PLACEHOLDERS)).toContain(name);
    }
  });
});
