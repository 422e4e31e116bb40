import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { summarize } from '../../src/incident/summary.js';
import { EventFactory } from '../helpers/events.js';

const T0 = Date.UTC(2026, 11, 7, 14, 2);
const MIN = 60_000;
const INC = 'inc_team000001';
const ANA = { id: 'u_ana0000001', name: 'Ana' };
const DEE = { id: 'u_dee0000001', name: 'Dee' };
const NED = { id: 'u_ned0000001', name: 'Ned' };
const ana = new EventFactory(INC, 'o_ana000', ANA);
const dee = new EventFactory(INC, 'o_dee000', DEE);
const ned = new EventFactory(INC, 'o_ned000', NED);

const opened = () => [
  ana.make('incident.opened', { title: 'Checkout failing', severity: 'SEV2', summary: 'EU card payments fail' }, T0),
  ana.make('role.assigned', { role: 'commander', person: ANA }, T0 + MIN),
];

describe('the deputy commander', () => {
  it('acts for the commander (status, roles but command) while deputy, and not after the commander takes it back', () => {
    const events = [
      ...opened(),
      ana.make('role.assigned', { role: 'deputy', person: DEE }, T0 + 2 * MIN),
      dee.make('incident.updated', { status: 'identified' }, T0 + 3 * MIN),
      dee.make('role.assigned', { role: 'scribe', person: NED }, T0 + 4 * MIN),
      dee.make('role.assigned', { role: 'commander', person: DEE }, T0 + 5 * MIN),
      dee.make('role.assigned', { role: 'deputy', person: NED }, T0 + 6 * MIN),
      ana.make('role.assigned', { role: 'deputy', person: null }, T0 + 7 * MIN),
      dee.make('incident.updated', { status: 'monitoring' }, T0 + 8 * MIN),
    ];
    const state = fold(events, INC);
    expect(state.status).toBe('identified');
    expect(state.roles.scribe).toEqual(NED);
    expect(state.roles.commander).toEqual(ANA);
    expect(state.refused.map((r) => r.reason)).toEqual([
      'Dee is the deputy commander; only the commander (Ana) hands over command or names the deputy',
      'Dee is the deputy commander; only the commander (Ana) hands over command or names the deputy',
      "Dee may not change the incident's status (to monitoring); only the commander or the scribe may (commander: Ana, scribe: Ned)",
    ]);
  });

  it('keeps asks for a role until the role is given to anyone', () => {
    const state = fold(
      [
        ...opened(),
        ned.make('role.requested', { role: 'comms' }, T0 + 2 * MIN),
        ned.make('role.requested', { role: 'liaison' }, T0 + 3 * MIN),
        ana.make('role.requested', { role: 'comms' }, T0 + 4 * MIN),
        ana.make('role.assigned', { role: 'comms', person: NED }, T0 + 5 * MIN),
      ],
      INC,
    );
    expect(state.roleRequests?.map((r) => [r.person.name, r.role])).toEqual([['Ned', 'liaison']]);
    expect(state.refused).toEqual([]);
  });
});

describe('a picture that stays true', () => {
  it('marks the statement stale from the status change that follows it until a new version, in fold order', () => {
    const base = opened();
    const moved = [...base, ana.make('incident.updated', { status: 'monitoring' }, T0 + 3 * MIN)];
    expect(fold(base, INC).statementStaleSince ?? null).toBeNull();
    expect(fold(moved, INC).statementStaleSince).toBe(T0 + 3 * MIN);
    const rewritten = [
      ...moved,
      ana.make('status.statement', { impact: 'EU card payments fail', doing: 'watching', next: '' }, T0 + 4 * MIN),
    ];
    expect(fold(rewritten, INC).statementStaleSince).toBeNull();
    // A statement written before the change (dated and folded before it) does not clear it.
    const early = [...base, ana.make('status.statement', { impact: 'x', doing: '', next: '' }, T0 + 2 * MIN), ...moved.slice(base.length)];
    expect(fold(early, INC).statementStaleSince).toBe(T0 + 3 * MIN);
  });

  it('names as the lead a hypothesis moved since the severity changed, and says why the severity changed', () => {
    const h1 = ned.make('hypothesis.added', { text: 'primary database stalled' }, T0 + 2 * MIN);
    const h2 = ned.make('hypothesis.added', { text: 'IP address conflict' }, T0 + 3 * MIN);
    const events = [
      ...opened(),
      h1,
      h2,
      ned.make('hypothesis.status', { target: h1.id, status: 'confirmed' }, T0 + 4 * MIN),
      ana.make('incident.updated', { status: 'identified' }, T0 + 5 * MIN),
    ];
    // Moving on to identified follows from the lead: it stays.
    expect(summarize(fold(events, INC), T0 + 6 * MIN).lead?.id).toBe(h1.id);
    events.push(ana.make('incident.updated', { severity: 'SEV1', reason: 'US checkout failing too' }, T0 + 6 * MIN));
    const raised = fold(events, INC);
    expect(summarize(raised, T0 + 7 * MIN).lead).toBeNull();
    expect(raised.severityHistory?.at(-1)).toMatchObject({ severity: 'SEV1', reason: 'US checkout failing too' });
    events.push(ned.make('hypothesis.status', { target: h2.id, status: 'investigating' }, T0 + 7 * MIN));
    expect(summarize(fold(events, INC), T0 + 8 * MIN).lead?.id).toBe(h2.id);
  });
});
