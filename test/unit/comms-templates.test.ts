import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { DRAFT_AUDIENCES, TEMPLATE_KEYS, type IncidentStatus } from '../../src/model/vocabulary.js';
import { lintContext } from '../../src/comms/draft-view.js';
import { hasErrors, lintUpdate } from '../../src/comms/linter/index.js';
import { CAUSE_PROMPT, DEFAULT_TEMPLATES, PLACEHOLDERS, renderTemplate } from '../../src/comms/templates.js';
import { EventFactory } from '../helpers/events.js';

const T0 = Date.UTC(2025, 2, 3, 14, 2);
const MIN = 60_000;

/** A typical incident: opened at 14:02 UTC, a leading hypothesis, an action under way, three customers hit. */
function typicalIncident(status: IncidentStatus, extra: (f: EventFactory) => WarEvent[] = () => []): WarEvent[] {
  const f = new EventFactory();
  const open = f.make(
    'incident.opened',
    { title: 'Card payments failing at checkout', severity: 'SEV1', summary: 'card payments at checkout are failing in the EU region.' },
    T0,
  );
  const db = f.make('hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }, T0 + MIN);
  const act = f.make('action.added', { text: 'move traffic to the standby database', links: [db.id] }, T0 + 2 * MIN);
  const events = [
    open,
    // Customers were hit from the moment it was opened: the impact-started milestone says so.
    f.make('milestone.set', { milestone: 'impact-started', at: T0 }, T0 + 30_000),
    db,
    f.make('hypothesis.added', { text: 'IP address conflict on the private network' }, T0 + MIN + 1),
    act,
    f.make(
      'action.status',
      { target: act.id, status: status === 'investigating' || status === 'identified' ? 'running' : 'done' },
      T0 + 3 * MIN,
    ),
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
  it('renders every default template, for an incident in the matching status, free of error-level findings once the cause is written', () => {
    const statusFor = {
      investigating: 'investigating',
      identified: 'identified',
      monitoring: 'monitoring',
      resolved: 'resolved',
      postmortem: 'resolved',
    } as const;
    for (const key of TEMPLATE_KEYS) {
      const state = fold(typicalIncident(statusFor[key]));
      const text = renderTemplate(key, state, { now: NOW }).replace(
        CAUSE_PROMPT,
        'our main database stopped saving new payments while it copied data to its backups.',
      );
      const findings = lintUpdate(text, { status: state.status, affectedCustomers: 3, audience: 'affected' });
      expect(hasErrors(findings), `${key}:\n${text}\n${JSON.stringify(findings, null, 1)}`).toBe(false);
      // Not just error-free: the defaults are meant to be examples of a clean update.
      expect(
        findings.filter((f) => f.severity !== 'info').map((f) => f.rule),
        key,
      ).toEqual([]);
      expect(text).not.toMatch(/\{[a-zA-Z]+\}/);
    }
  });

  it("fills what is affected, since when, how many, what we are doing and the next update time, and never the engineers' notes", () => {
    const state = fold(typicalIncident('investigating'));
    const text = renderTemplate('investigating', state, { now: T0 + 10 * MIN });
    expect(text).toContain('What is affected: Card payments at checkout are failing in the EU region');
    expect(text).toContain('Since: 14:02 UTC');
    expect(text).toContain('Customers affected: 3 customers');
    expect(text).toContain('What we are doing: Our engineers are working to find the cause.');
    expect(text).not.toContain('primary database stalled');
    expect(text).not.toContain('move traffic to the standby database');
    // One cadence (30 min while investigating) after now (14:12), rounded up to 5 minutes.
    expect(text).toContain('Next update at 14:45 UTC');
  });

  it('uses the time zone asked for, falls back to UTC for an unknown one, and dates a start on another day', () => {
    const state = fold(typicalIncident('investigating'));
    expect(renderTemplate('investigating', state, { now: T0 + 10 * MIN, tz: 'Europe/Paris' })).toMatch(/Since: 15:02 (?:CET|GMT\+1)/);
    expect(renderTemplate('investigating', state, { now: T0 + 10 * MIN, tz: 'Not/AZone' })).toContain('Since: 14:02 UTC');
    expect(renderTemplate('investigating', state, { now: T0 + 24 * 60 * MIN })).toContain('Since: 14:02 UTC on 3 March');
  });

  it('describes the resolved incident with its end and duration, leaves the cause to be written in plain words, and promises no further update', () => {
    const state = fold(typicalIncident('resolved'));
    const text = renderTemplate('resolved', state, { now: NOW });
    expect(text).toContain('When: from 14:02 UTC to 15:10 UTC (1 h 8 min)');
    expect(text).toContain(`Cause: ${CAUSE_PROMPT}`);
    expect(text).toContain('What we did: We fixed the cause and checked that everything affected works normally again.');
    expect(text).toContain('This is our final update');
    // The prompt is a gap the linter catches, so it cannot go out by accident.
    expect(lintUpdate(text, { status: 'resolved' }).map((f) => [f.rule, text.slice(f.start, f.end)])).toEqual([
      ['unfilled-placeholder', CAUSE_PROMPT],
    ]);
  });

  it("uses the team's saved template instead of the default, and leaves unknown placeholders for the linter", () => {
    const state = fold(
      typicalIncident('investigating', (f) => [
        f.make('template.saved', { key: 'investigating', body: 'Hi! {affected} since {since}; {customers}. {nope}' }, T0 + 30 * MIN),
      ]),
    );
    const text = renderTemplate('investigating', state, { now: T0 + 31 * MIN });
    expect(text).toBe('Hi! Card payments at checkout are failing in the EU region since 14:02 UTC; 3 customers. {nope}');
    expect(lintUpdate(text).map((f) => f.rule)).toContain('unfilled-placeholder');
    expect(renderTemplate('identified', state, { now: T0 + 31 * MIN })).toMatch(/^Cause identified\n/);
  });

  it('says honestly when customers are still being counted and no cause is known', () => {
    const f = new EventFactory();
    const state = fold([f.make('incident.opened', { title: 'Login page slow', severity: 'SEV2' }, T0)]);
    const text = renderTemplate('investigating', state, { now: T0 + MIN, audience: 'internal' });
    expect(text).toContain('What is affected: Login page slow');
    expect(text).toContain('Customers affected: still being counted');
    expect(text).toContain('Our engineers are working to find the cause.');
  });

  it('fills a fact only when the incident knows it for the audience: the working title never, "since" only from the impact start, one customer hears of their own account', () => {
    const f = new EventFactory();
    const opened = f.make('incident.opened', { title: 'Checkout failing (SASSER quarantine)', severity: 'SEV1' }, T0);
    const events = [
      opened,
      ...['Acme Corp', 'Globex', 'Initech', 'Umbrella'].map((c, i) => f.make('impact.added', { customer: c, level: 'major' }, T0 + i)),
    ];
    const state = fold(events);
    const email = renderTemplate('investigating', state, { now: T0 + MIN, audience: 'customer', customer: 'Globex' });
    expect(email).not.toContain('SASSER');
    expect(email).toContain('Customers affected: your account, Globex');
    expect(email).not.toContain('4 customers');
    // The opening (14:02) is when we noticed, not when customers were hit: a prompt until someone says.
    expect(email).not.toContain('14:02');
    const findings = lintUpdate(email, lintContext(state, { audience: 'customer', channel: 'email' })).filter(
      (x) => x.severity === 'error',
    );
    expect(findings.map((x) => email.slice(x.start, x.end))).toEqual([
      expect.stringMatching(/^\[fill in: what customers/),
      expect.stringMatching(/^\[fill in: when customers/),
    ]);
    // Filled by hand with the internal title: an error, not a pass.
    const leaked = email.replace(/\[fill in: what customers[^\]]*\]/, 'Checkout failing (SASSER quarantine)');
    expect(lintUpdate(leaked, lintContext(state, { audience: 'customer', channel: 'email' })).map((x) => x.rule)).toContain(
      'internal-fact',
    );
    // The impact started on Sunday, days before anyone opened the incident: "since" says Sunday.
    const sunday = T0 - 2 * 24 * 60 * MIN;
    const later = fold([...events, f.make('milestone.set', { milestone: 'impact-started', at: sunday }, T0 + 2 * MIN)]);
    expect(renderTemplate('investigating', later, { now: T0 + 3 * MIN })).toContain('Since: 14:02 UTC on 1 March');
    // An internal update may name the working title.
    expect(renderTemplate('investigating', state, { now: T0 + MIN, audience: 'internal' })).toContain('SASSER quarantine');
  });

  // The three hypotheses from the outage the app is built from, each with the plain words a comms lead would
  // write for customers, and an action that names a host the way engineers do.
  const EXAMPLES = [
    {
      hypothesis: 'primary database stalled while replicating to its replicas',
      action: 'fail over to db-replica-02',
      plain: 'our main database stopped saving new payments while it copied data to its backups.',
    },
    {
      hypothesis: 'IP address conflict on the private network',
      action: 'release 10.20.0.15 on fw-edge-01',
      plain: 'two of our own servers were given the same network address, so our payment service could not reach them.',
    },
    {
      hypothesis: 'primary firewall reset its configuration',
      action: 'restore the config on fw-primary-01',
      plain: 'a security device at the edge of our network lost its settings and blocked payment traffic.',
    },
  ];

  for (const example of EXAMPLES) {
    it(`every built-in template, for an incident whose cause is "${example.hypothesis}", for every audience, lints with no finding at all once the cause is in plain words, and holds no hypothesis, action or internal title`, () => {
      const statusFor = {
        investigating: 'investigating',
        identified: 'identified',
        monitoring: 'monitoring',
        resolved: 'resolved',
        postmortem: 'resolved',
      } as const;
      for (const key of TEMPLATE_KEYS) {
        const f = new EventFactory();
        const status = statusFor[key];
        const open = f.make(
          'incident.opened',
          {
            title: 'Card payments failing at checkout',
            severity: 'SEV1',
            summary: 'card payments at checkout are failing in the EU region',
          },
          T0,
        );
        const h = f.make('hypothesis.added', { text: example.hypothesis }, T0 + MIN);
        const a = f.make('action.added', { text: example.action, links: [h.id] }, T0 + 2 * MIN);
        const events: WarEvent[] = [
          open,
          f.make('milestone.set', { milestone: 'impact-started', at: T0 - 5 * MIN }, T0 + 30_000),
          h,
          a,
          f.make('impact.added', { customer: 'Acme Corp', level: 'critical' }, T0 + 3 * MIN),
        ];
        if (status !== 'investigating')
          events.push(
            f.make('hypothesis.status', { target: h.id, status: 'confirmed', evidence: 'seen in the logs' }, T0 + 20 * MIN),
            f.make('incident.updated', { status: 'identified' }, T0 + 21 * MIN),
          );
        if (status === 'monitoring' || status === 'resolved')
          events.push(
            f.make('action.status', { target: a.id, status: 'done' }, T0 + 40 * MIN),
            f.make('incident.updated', { status: 'monitoring' }, T0 + 50 * MIN),
          );
        if (status === 'resolved') events.push(f.make('incident.updated', { status: 'resolved' }, T0 + 68 * MIN));
        const state = fold(events);
        for (const audience of DRAFT_AUDIENCES) {
          const customer = audience === 'customer' ? { customer: 'Acme Corp' } : {};
          const rendered = renderTemplate(key, state, { now: NOW, audience, ...customer });
          const what = `${key} for ${audience}:\n${rendered}`;
          // The engineers' words never reach the text; the working title reaches only the team's own.
          expect(rendered, what).not.toContain(example.hypothesis);
          expect(rendered, what).not.toContain(example.action);
          if (audience !== 'internal') expect(rendered, what).not.toContain('Card payments failing at checkout');
          const findings = (text: string) => lintUpdate(text, lintContext(state, { audience, channel: 'email' }));
          // Before the writer fills the cause in, the prompt is the only thing the linter has to say.
          expect(
            findings(rendered).map((x) => x.rule),
            what,
          ).toEqual(rendered.includes(CAUSE_PROMPT) ? ['unfilled-placeholder'] : []);
          const written = rendered.replace(CAUSE_PROMPT, example.plain);
          expect(findings(written), what).toEqual([]);
        }
      }
    });
  }

  it('documents every placeholder the defaults use', () => {
    for (const body of Object.values(DEFAULT_TEMPLATES)) {
      for (const [, name] of body.matchAll(/\{([a-zA-Z]+)\}/g)) expect(Object.keys(PLACEHOLDERS)).toContain(name);
    }
  });
});
