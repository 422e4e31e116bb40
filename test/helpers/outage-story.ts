import { compareEvents } from '../../src/model/envelope.js';
import { type WarEvent } from '../../src/kinds/event.js';
import { textDigest } from '../../src/comms/digest.js';
import { EventFactory } from './events.js';

export const OUTAGE_INCIDENT = 'inc_outage0001';
/** 2026-11-22 14:02 UTC. */
export const OUTAGE_START = Date.UTC(2026, 10, 22, 14, 2);
const min = (n: number) => OUTAGE_START + Math.round(n * 60_000);

/**
 * The outage the app is built from, as three people would log it: three hypotheses (the database stall is
 * confirmed, the IP conflict and the firewall reset ruled out), status and severity changes, customers and the
 * updates they were sent. `extraNotes` pads it with chatter (the 500-event legibility case).
 */
export function outageStory(options: { extraNotes?: number; extraHypotheses?: number; extraUpdates?: number } = {}): WarEvent[] {
  const ana = new EventFactory(OUTAGE_INCIDENT, 'o_anapeer001', { id: 'u_ana0000001', name: 'Ana (commander)' });
  const bob = new EventFactory(OUTAGE_INCIDENT, 'o_bobpeer001', { id: 'u_bob0000001', name: 'Bob' });
  const cy = new EventFactory(OUTAGE_INCIDENT, 'o_cypeer0001', { id: 'u_cy00000001', name: 'Cy (comms)' });
  const ev: WarEvent[] = [];
  const add = (e: WarEvent) => (ev.push(e), e.id);
  // Every customer update passes review, as the rules require: Cy marks it ready, Ana approves it, Cy publishes.
  const publish = (
    data: { target: string; text: string; channel: 'email' | 'status-page'; audience: 'affected' | 'all' | 'customer'; notified: string[] },
    at: number,
  ) => {
    const digest = textDigest(data.text);
    add(cy.make('draft.review', { target: data.target, state: 'ready', acknowledged: [], digest }, at - 2));
    add(ana.make('draft.review', { target: data.target, state: 'approved', acknowledged: [], digest }, at - 1));
    return add(cy.make('draft.published', data, at));
  };
  add(
    ana.make(
      'incident.opened',
      { title: 'Checkout failing for EU customers', severity: 'SEV2', summary: 'Payments time out at checkout for EU shoppers.' },
      min(0),
    ),
  );
  add(ana.make('role.assigned', { role: 'commander', person: { id: 'u_ana0000001', name: 'Ana (commander)' } }, min(1)));
  add(ana.make('role.assigned', { role: 'comms', person: { id: 'u_cy00000001', name: 'Cy (comms)' } }, min(1) + 1));
  const h1 = add(bob.make('hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }, min(4)));
  const h2 = add(ana.make('hypothesis.added', { text: 'IP address conflict on the private network' }, min(6)));
  const h3 = add(bob.make('hypothesis.added', { text: 'primary firewall reset its configuration' }, min(9)));
  const a1 = add(bob.make('action.added', { text: 'check replica lag on every replica', links: [h1], owner: 'Bob' }, min(10)));
  const a2 = add(ana.make('action.added', { text: 'compare ARP tables across the private network', links: [h2], owner: 'Ana' }, min(11)));
  const acme = add(
    cy.make(
      'impact.added',
      { customer: 'Acme Corp', level: 'critical', contact: 'ops@acme.example', contactVerified: true, credit: 'one month free' },
      min(12),
    ),
  );
  const globex = add(cy.make('impact.added', { customer: 'Globex', level: 'major', contact: 'it@globex.example' }, min(13)));
  add(ana.make('incident.updated', { severity: 'SEV1' }, min(15)));
  const d1 = add(cy.make('draft.created', { title: 'Checkout errors', audience: 'affected', channel: 'email' }, min(16)));
  publish(
    {
      target: d1,
      text: 'Since 13:55 UTC, checkout fails for most EU customers. We are investigating and will update you by 15:00 UTC.',
      channel: 'email',
      audience: 'affected',
      notified: [acme, globex],
    },
    min(18),
  );
  add(ana.make('action.status', { target: a2, status: 'done', result: 'no duplicate MACs' }, min(24)));
  add(ana.make('hypothesis.status', { target: h2, status: 'ruled-out', evidence: 'ARP tables show no duplicates' }, min(25)));
  add(bob.make('hypothesis.status', { target: h3, status: 'ruled-out', evidence: 'firewall config hash unchanged since Monday' }, min(31)));
  add(bob.make('action.status', { target: a1, status: 'done', result: 'replica lag stuck at 20 min on db-2' }, min(38)));
  add(
    bob.make(
      'hypothesis.status',
      { target: h1, status: 'confirmed', evidence: 'replica lag stuck at 20 min; primary blocked on a replication slot' },
      min(40),
    ),
  );
  add(ana.make('incident.updated', { status: 'identified' }, min(41)));
  const d2 = add(cy.make('draft.created', { title: 'Cause found', audience: 'affected', channel: 'email' }, min(44)));
  publish(
    {
      target: d2,
      text: 'We found the cause: our primary database stalled while copying data to its replicas. Fix under way; next update 15:30 UTC.',
      channel: 'email',
      audience: 'affected',
      notified: [acme, globex],
    },
    min(46),
  );
  const a3 = add(
    bob.make('action.added', { text: 'drop the stuck replication slot and restart db-2 replication', links: [h1], owner: 'Bob' }, min(50)),
  );
  add(bob.make('action.status', { target: a3, status: 'done', result: 'primary writes flowing again' }, min(63)));
  add(ana.make('incident.updated', { status: 'monitoring', severity: 'SEV2' }, min(66)));
  const d3 = add(cy.make('draft.created', { title: 'Fix in place', audience: 'affected', channel: 'email' }, min(70)));
  publish(
    {
      target: d3,
      text: 'Checkout works again since 15:05 UTC. We are watching it closely.',
      channel: 'email',
      audience: 'affected',
      notified: [acme, globex],
    },
    min(72),
  );
  add(ana.make('incident.updated', { status: 'resolved' }, min(118)));
  const d4 = add(cy.make('draft.created', { title: 'Resolved', audience: 'all', channel: 'status-page' }, min(119)));
  publish(
    {
      target: d4,
      text: 'Resolved: checkout failed for EU customers from 13:55 to 15:05 UTC. A postmortem follows within 5 days.',
      channel: 'status-page',
      audience: 'all',
      notified: [],
    },
    min(121),
  );

  // Padding: chatter, extra hypotheses (most ruled out) and extra updates, spread over the two hours.
  const people = [ana, bob, cy];
  for (let i = 0; i < (options.extraNotes ?? 0); i++)
    add(
      people[i % 3]!.make(
        'note.added',
        { text: `error rate ${(i * 7) % 100}% at ${i} (observation)` },
        min(2 + (i * 116) / Math.max(1, options.extraNotes ?? 1)) + 7,
      ),
    );
  for (let i = 0; i < (options.extraHypotheses ?? 0); i++) {
    const at = min(5 + (i * 100) / Math.max(1, options.extraHypotheses ?? 1));
    const h = add(bob.make('hypothesis.added', { text: `maybe cache node ${i} is evicting session keys under load, variant ${i}` }, at));
    if (i % 5 !== 4)
      add(bob.make('hypothesis.status', { target: h, status: 'ruled-out', evidence: `node ${i} hit rate normal` }, at + 8 * 60_000));
  }
  for (let i = 0; i < (options.extraUpdates ?? 0); i++) {
    const at = min(20 + (i * 95) / Math.max(1, options.extraUpdates ?? 1));
    const d = add(cy.make('draft.created', { title: `Update ${i}`, audience: 'customer', channel: 'email', customer: acme }, at));
    publish({ target: d, text: `Update ${i} for Acme.`, channel: 'email', audience: 'customer', notified: [acme] }, at + 30_000);
  }
  // The story as it happened: the padding interleaves with it in time, and the room's agreed order is that order.
  return ev.sort(compareEvents);
}

/** The same outage after the review: milestones set after the fact, and follow-ups with owners and due dates. */
export function reviewedOutage(): { events: WarEvent[]; milestones: Record<string, number> } {
  const events = outageStory();
  const ana = new EventFactory(OUTAGE_INCIDENT, 'o_anareview1', { id: 'u_ana0000001', name: 'Ana (commander)' });
  // Impact began before anyone noticed: checkout errors climbed from 13:55, seven minutes before the incident opened.
  const milestones = { 'impact-started': min(-7), detected: min(-2), acknowledged: min(0), mitigated: min(63), resolved: min(118) };
  let t = min(130);
  for (const [milestone, at] of Object.entries(milestones))
    events.push(
      ana.make(
        'milestone.set',
        { milestone: milestone as never, at, ...(milestone === 'detected' ? { note: 'checkout error-rate alert' } : {}) },
        (t += 1000),
      ),
    );
  events.push(
    ana.make(
      'followup.added',
      {
        text: 'alert on replication slot lag above 5 min',
        owner: 'Bob',
        due: '2026-12-04',
        type: 'detect',
        url: 'https://tracker.example/OPS-101',
      },
      (t += 1000),
    ),
  );
  events.push(
    ana.make(
      'followup.added',
      { text: 'failover runbook: drop a stuck slot safely', owner: 'Ana', due: '2026-12-11', type: 'mitigate' },
      (t += 1000),
    ),
  );
  events.push(
    ana.make(
      'followup.added',
      {
        text: 'cap replication slot retention',
        owner: 'Bob',
        due: '2026-12-18',
        type: 'prevent',
        url: 'https://github.com/example/db/issues/7',
      },
      (t += 1000),
    ),
  );
  return { events, milestones };
}
