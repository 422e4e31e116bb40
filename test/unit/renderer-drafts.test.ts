import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { draftView } from '../../src/comms/draft-view.js';
import { draftText, seedUpdate } from '../../src/comms/draft-text.js';
import { lintUpdate, type Finding } from '../../src/comms/linter/index.js';
import { DraftDocument } from '../../renderer/lib/draft-document.js';
import { describeRevision, draftRevisions, draftTextAt, recentEditors } from '../../renderer/lib/draft-history.js';
import { fixFor, type FixValues } from '../../renderer/lib/lint-fixes.js';
import { reviewGates } from '../../src/comms/review-gate.js';
import { applyEdit } from '../../renderer/lib/text-diff.js';
import { EventFactory } from '../helpers/events.js';

const INCIDENT = 'inc_drafts0001';
const alice = new EventFactory(INCIDENT, 'o_alice00001', { id: 'u_alice00001', name: 'Alice' });
const bob = new EventFactory(INCIDENT, 'o_bob0000001', { id: 'u_bob0000001', name: 'Bob' });
const carol = new EventFactory(INCIDENT, 'o_carol00001', { id: 'u_carol00001', name: 'Carol' });

/** A draft written by Alice and Bob, marked ready by Alice; the events and the writers' documents. */
function scenario() {
  const opened = alice.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, 1_000);
  const acme = alice.make('impact.added', { customer: 'Acme Corp', level: 'critical' }, 2_000);
  const created = alice.make('draft.created', { title: 'Update for affected customers', audience: 'affected', channel: 'email' }, 10_000);
  const seed = seedUpdate('Payments fail.');
  const seeded = alice.make('draft.edited', { target: created.id, update: seed }, 10_001);
  const a = new DraftDocument();
  a.sync([seed]);
  const b = new DraftDocument();
  b.sync([seed]);
  const e1 = alice.make('draft.edited', { target: created.id, update: a.edit({ index: 0, deleteCount: 0, insert: 'EU: ' })! }, 20_000);
  const e2 = bob.make(
    'draft.edited',
    { target: created.id, update: b.edit({ index: 14, deleteCount: 0, insert: ' Since 14:02 UTC.' })! },
    25_000,
  );
  const e3 = alice.make('draft.edited', { target: created.id, update: a.edit({ index: 4, deleteCount: 0, insert: 'Card ' })! }, 200_000);
  const ready = alice.make('draft.review', { target: created.id, state: 'ready', acknowledged: ['no-next-update'] }, 210_000);
  const events = [opened, acme, created, seeded, e1, e2, e3, ready];
  return { events, created, seeded, e1, e2, e3, ready };
}

describe('draft history', () => {
  it('groups editing into stretches (whoever typed) and lists each review step', () => {
    const { events, created, e2, e3, ready } = scenario();
    const revisions = draftRevisions(events, created.id);
    expect(revisions.map((r) => [r.kind, r.people, r.edits, r.id])).toEqual([
      ['created', ['Alice'], 1, events[3]!.id],
      ['edited', ['Alice', 'Bob'], 2, e2.id],
      ['edited', ['Alice'], 1, e3.id],
      ['ready', ['Alice'], 0, ready.id],
    ]);
    expect(revisions.map(describeRevision)).toEqual([
      'Alice started it',
      'Alice and Bob edited (2 saves)',
      'Alice edited (1 save)',
      'Alice marked it ready (acknowledged: no-next-update)',
    ]);
  });

  it('shows the text as it stood after any point, replayed from the log', () => {
    const { events, created, seeded, e1, e2, e3 } = scenario();
    expect(draftTextAt(events, created.id, created.id)).toBe('');
    expect(draftTextAt(events, created.id, seeded.id)).toBe('Payments fail.');
    expect(draftTextAt(events, created.id, e1.id)).toBe('EU: Payments fail.');
    expect(draftTextAt(events, created.id, e2.id)).toBe('EU: Payments fail. Since 14:02 UTC.');
    expect(draftTextAt(events, created.id, e3.id)).toBe('EU: Card Payments fail. Since 14:02 UTC.');
    expect(draftText(fold(events).drafts[created.id]!)).toBe('EU: Card Payments fail. Since 14:02 UTC.');
  });

  it('names who is writing now, reading only the end of the log', () => {
    const { events, created } = scenario();
    expect(recentEditors(events, created.id, 15_000)).toEqual(['Alice', 'Bob']);
    expect(recentEditors(events, created.id, 100_000)).toEqual(['Alice']);
    expect(recentEditors(events, created.id, 300_000)).toEqual([]);
  });
});

describe('who may do what in the review, and why not', () => {
  const { events, created } = scenario();
  const state = fold(events);
  const draft = state.drafts[created.id]!;
  const me = (f: EventFactory) => f.actor;

  it('tells the writer that someone else must approve', () => {
    const g = reviewGates(state, draft, 'text', [], [], me(alice));
    expect(g.approve).toEqual({ allowed: false, reason: expect.stringMatching(/^You marked it ready: someone else must approve it/) });
    expect(g.ready.allowed).toBe(false);
  });

  it('tells someone without the role who can approve, and offers the role nobody holds', () => {
    const g = reviewGates(state, draft, 'text', [], [], me(bob));
    expect(g.approve.allowed).toBe(false);
    expect(g.approve.reason).toContain(
      'Only the commander or the comms lead can approve customer updates (commander: nobody yet; comms lead: nobody yet)',
    );
    expect(g.roleToTake).toBe('comms');
    const withRoles = fold([
      ...events,
      carol.make('role.assigned', { role: 'comms', person: { id: 'u_carol00001', name: 'Carol' } }, 300_000),
    ]);
    const g2 = reviewGates(withRoles, withRoles.drafts[created.id]!, 'text', [], [], me(bob));
    expect(g2.approve.reason).toContain('comms lead: Carol');
    expect(g2.roleToTake).toBe('commander');
  });

  it('lets a role holder approve once the findings are acknowledged', () => {
    const withRoles = fold([
      ...events,
      carol.make('role.assigned', { role: 'comms', person: { id: 'u_carol00001', name: 'Carol' } }, 300_000),
    ]);
    const d = withRoles.drafts[created.id]!;
    const waiting = reviewGates(withRoles, d, 'text', ['no-next-update', 'empty-apology'], ['empty-apology'], me(carol));
    expect(waiting.approve).toEqual({
      allowed: false,
      reason: 'Tick the 1 finding above (no-next-update) to say you read it and approve it anyway.',
    });
    expect(reviewGates(withRoles, d, 'text', ['no-next-update'], ['no-next-update'], me(carol)).approve).toEqual({
      allowed: true,
      reason: null,
    });
    expect(waiting.roleToTake).toBeNull();
  });

  it('asks for findings to be acknowledged before marking ready, and refuses an empty draft', () => {
    const editing = fold(events.slice(0, -1));
    const d = editing.drafts[created.id]!;
    expect(reviewGates(editing, d, '  ', [], [], me(alice)).ready).toEqual({ allowed: false, reason: 'The draft is empty.' });
    expect(reviewGates(editing, d, 'text', ['minimising-impact', 'vague-description'], [], me(alice)).ready.reason).toBe(
      'Tick the 2 findings above (minimising-impact, vague-description) to say you read them and mark it ready anyway.',
    );
    expect(reviewGates(editing, d, 'text', [], [], me(alice)).ready.allowed).toBe(true);
    expect(reviewGates(editing, d, 'text', [], [], me(alice)).approve.reason).toMatch(/marks it ready first/);
  });
});

describe('the renderer sees what the review checks', () => {
  it('builds the same view from the live text as main does from the log', () => {
    const { events, created } = scenario();
    const state = fold(events);
    const draft = state.drafts[created.id]!;
    const text = draftText(draft);
    const view = draftView(state, draft, text);
    expect(view.findings).toEqual(
      lintUpdate(text, { affectedCustomers: 1, status: 'investigating', audience: 'affected', channel: 'email' }),
    );
    expect(view.recipients.map((r) => r.customer)).toEqual(['Acme Corp']);
    expect(view.needsAcknowledgement).toEqual([...new Set(view.findings.filter((f) => f.severity !== 'info').map((f) => f.rule))]);
  });

  it("passes the team's own words to the linter, so a public cluster name needs no acknowledgement", () => {
    const { events, created } = scenario();
    const state = fold(events);
    const draft = state.drafts[created.id]!;
    const text = 'Since 09:12 UTC, queries on the sg-prod-07 cluster time out for Acme Corp. Next update at 10:00 UTC.';
    expect(draftView(state, draft, text).needsAcknowledgement).toContain('internal-host');
    expect(draftView(state, draft, text, ['sg-prod-07']).needsAcknowledgement).not.toContain('internal-host');
  });
});

describe("one-click fixes for the linter's findings", () => {
  const values: FixValues = {
    affectedCustomers: 12,
    nextUpdate: '15:05 UTC',
    placeholders: { since: '14:02 UTC', customers: '12 customers' },
  };
  const fixed = (text: string, rule: string, context = {}) => {
    const f = lintUpdate(text, context).find((x) => x.rule === rule);
    expect(f, `${rule} fires on "${text}"`).toBeDefined();
    const fix = fixFor(f!, text, values);
    return fix ? { label: fix.label, text: applyEdit(text, fix.edit) } : null;
  };

  it('fixes what a button can fix, and the fixed text no longer fires that rule', () => {
    const cases: [string, string, string][] = [
      [
        'Since 14:02 UTC card payments fail. Next update at 15:00.',
        'time-without-zone',
        'Since 14:02 UTC card payments fail. Next update at 15:00 UTC.',
      ],
      [
        'Card payments have failed since {since}. Next update at 15:00 UTC.',
        'unfilled-placeholder',
        'Card payments have failed since 14:02 UTC. Next update at 15:00 UTC.',
      ],
      [
        'Since 14:02 UTC card payments fail.',
        'no-next-update',
        'Since 14:02 UTC card payments fail.\n\nNext update at 15:05 UTC, or sooner if anything changes.',
      ],
      [
        'Since 14:02 UTC card payments fail. We will post the next update shortly.',
        'untimed-promise',
        'Since 14:02 UTC card payments fail. We will post the next update by 15:05 UTC.',
      ],
      [
        'Since 14:02 UTC card payments fail for only a few customers. Next update at 15:00 UTC.',
        'minimising-impact',
        'Since 14:02 UTC card payments fail for 12 customers. Next update at 15:00 UTC.',
      ],
      [
        'Since 14:02 UTC card payments fail (OPS-1234). Next update at 15:00 UTC.',
        'ticket-id',
        'Since 14:02 UTC card payments fail. Next update at 15:00 UTC.',
      ],
      [
        'Since 14:02 UTC card payments fail. We apologise for any inconvenience. Next update at 15:00 UTC.',
        'empty-apology',
        'Since 14:02 UTC card payments fail. Next update at 15:00 UTC.',
      ],
      [
        'Since 14:02 UTC customers may have experienced failed payments. Next update at 15:00 UTC.',
        'hedged-impact',
        'Since 14:02 UTC customers experienced failed payments. Next update at 15:00 UTC.',
      ],
    ];
    for (const [text, rule, expected] of cases) {
      const r = fixed(text, rule);
      expect(r?.text, `${rule}: ${r?.label}`).toBe(expected);
      const count = (t: string) => lintUpdate(t).filter((f) => f.rule === rule).length;
      expect(count(r!.text), `${rule} fires as often after its fix`).toBeLessThan(count(text));
    }
  });

  it('gives the number in the singular when one customer is affected', () => {
    const text = 'Since 14:02 UTC card payments fail for only a few customers. Next update at 15:00 UTC.';
    const f = lintUpdate(text).find((x) => x.rule === 'minimising-impact')!;
    const fix = fixFor(f, text, { ...values, affectedCustomers: 1 })!;
    expect(applyEdit(text, fix.edit)).toBe('Since 14:02 UTC card payments fail for 1 customer. Next update at 15:00 UTC.');
    expect(fix.label).toBe('Give the number: "1 customer"');
  });

  it('adds the time to a promise of a next update that has none', () => {
    expect(fixed('Since 14:02 UTC card payments fail. We will update you.', 'no-next-update')?.text).toBe(
      'Since 14:02 UTC card payments fail. We will update you by 15:05 UTC.',
    );
  });

  it('offers no button where only a person can find the words', () => {
    const none = (text: string, rule: string) => expect(fixed(text, rule)).toBeNull();
    none('This was caused by user error. Next update at 15:00 UTC.', 'blaming-customer');
    none('Since 14:02 UTC we have technical difficulties. Next update at 15:00 UTC.', 'vague-description');
    none('Since 14:02 UTC, db-primary-01 is down. Next update at 15:00 UTC.', 'internal-host');
    none(
      'Since 14:02 UTC card payments fail. Sorry for the inconvenience, it was a minor problem with refunds. Next update at 15:00 UTC.',
      'empty-apology',
    );
    none('Card payments fail since {unknown}. Next update at 15:00 UTC.', 'unfilled-placeholder');
    const noCount: FixValues = { ...values, affectedCustomers: 0 };
    const text = 'Since 14:02 UTC card payments fail for only a few customers. Next update at 15:00 UTC.';
    const f = lintUpdate(text).find((x) => x.rule === 'minimising-impact') as Finding;
    expect(fixFor(f, text, noCount)).toBeNull();
  });
});
