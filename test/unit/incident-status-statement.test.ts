import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { summarize } from '../../src/incident/summary.js';
import { checkAgainstState } from '../../src/incident/commands.js';
import { KIND_SCHEMAS } from '../../src/kinds/index.js';
import { canKeepStatement, stillOpen } from '../../renderer/lib/still-open.js';
import { EventFactory } from '../helpers/events.js';

const t = 1_700_000_000_000;

describe('current status, key events, severity words, the lead', () => {
  it('versions the status statement, starting from the text given at opening', () => {
    const f = new EventFactory();
    const s = fold([
      f.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1', summary: 'EU customers cannot pay' }, t),
      f.make(
        'status.statement',
        { impact: 'card payments fail for 40% of EU orders', doing: 'restarting replication', next: 'by 15:00 UTC' },
        t + 1000,
      ),
    ]);
    expect(s.statementHistory.map((v) => [v.version, v.impact, v.doing, v.next])).toEqual([
      [1, 'EU customers cannot pay', '', ''],
      [2, 'card payments fail for 40% of EU orders', 'restarting replication', 'by 15:00 UTC'],
    ]);
    expect(s.timeline.at(-1)).toMatchObject({
      kind: 'status.statement',
      text: 'card payments fail for 40% of EU orders · doing: restarting replication · next: by 15:00 UTC',
    });
  });

  it('pins and unpins key events, keeps the team’s severity words, and records why with an update', () => {
    const f = new EventFactory();
    const open = f.make('incident.opened', { title: 'x', severity: 'SEV3' }, t);
    const note = f.make('note.added', { text: 'replica lag 20 min' }, t + 1);
    const s = fold([
      open,
      note,
      f.make('entry.pinned', { target: note.id, pinned: true }, t + 2),
      f.make('entry.pinned', { target: open.id, pinned: true }, t + 3),
      f.make('entry.pinned', { target: open.id, pinned: false }, t + 4),
      f.make('severity.defined', { severity: 'SEV1', text: 'payments down anywhere' }, t + 5),
      f.make('incident.updated', { severity: 'SEV1', reason: 'payments down for all EU customers' }, t + 6),
    ]);
    expect(Object.keys(s.keyEvents)).toEqual([note.id]);
    expect(s.severityDefinitions).toEqual({ SEV1: 'payments down anywhere' });
    expect(s.timeline.at(-1)!.text).toBe('severity SEV1 — payments down for all EU customers');
  });

  it('names a lead only when a hypothesis is confirmed or under investigation', () => {
    const f = new EventFactory();
    const h1 = f.make('hypothesis.added', { text: 'primary database stalled' }, t + 1);
    const h2 = f.make('hypothesis.added', { text: 'IP address conflict' }, t + 2);
    const base = [f.make('incident.opened', { title: 'x', severity: 'SEV2' }, t), h1, h2];
    const open = summarize(fold(base), t + 10);
    expect(open.lead).toBeNull();
    expect(open.openHypotheses.map((h) => h.text)).toEqual(['primary database stalled', 'IP address conflict']);
    const investigating = summarize(
      fold([...base, f.make('hypothesis.status', { target: h2.id, status: 'investigating' }, t + 3)]),
      t + 10,
    );
    expect(investigating.lead?.text).toBe('IP address conflict');
  });

  it('lists what is still open at resolution, and who keeps the status statement', () => {
    const f = new EventFactory();
    const h1 = f.make('hypothesis.added', { text: 'primary database stalled' }, t + 1);
    const s = fold([
      f.make('incident.opened', { title: 'x', severity: 'SEV2' }, t),
      h1,
      f.make('action.added', { text: 'restart the WAL sender', links: [h1.id] }, t + 2),
      f.make('impact.added', { customer: 'Globex', level: 'major' }, t + 3),
    ]);
    expect(stillOpen(s)).toEqual([
      '1 hypothesis not settled: H1 primary database stalled (open)',
      '1 action not finished: restart the WAL sender (planned)',
      '1 affected customer not notified: Globex',
      'no customer update has been published',
    ]);
    const me = { id: 'u_alice00001', name: 'Alice' };
    expect(canKeepStatement(s, me)).toBe(true);
    const withCommander = fold([
      ...[f.make('incident.opened', { title: 'x', severity: 'SEV2' }, t)],
      f.make('role.assigned', { role: 'commander', person: { id: 'u_bob0000001', name: 'Bob' } }, t + 1),
    ]);
    expect(canKeepStatement(withCommander, me)).toBe(false);
    expect(canKeepStatement(withCommander, { id: 'u_bob0000001', name: 'Bob' })).toBe(true);
  });

  it('applies a status statement only from the commander or scribe once either role is held', () => {
    const alice = new EventFactory();
    const bob = new EventFactory('inc_test000001', 'o_boborigin', { id: 'u_bob0000001', name: 'Bob' });
    const s = fold([
      alice.make('incident.opened', { title: 'x', severity: 'SEV2', summary: 'EU checkout down' }, t),
      alice.make('role.assigned', { role: 'commander', person: { id: 'u_bob0000001', name: 'Bob' } }, t + 1),
      alice.make('status.statement', { impact: 'from a non-keeper', doing: '', next: '' }, t + 2),
      bob.make('status.statement', { impact: 'from the commander', doing: '', next: '' }, t + 3),
    ]);
    expect(s.statementHistory.map((v) => v.impact)).toEqual(['EU checkout down', 'from the commander']);
    // Kept out of the state and shown as refused, with the reason, on every peer.
    expect(s.timeline.filter((r) => r.kind === 'status.statement')).toHaveLength(1);
    expect(s.refused).toEqual([
      expect.objectContaining({
        kind: 'status.statement',
        reason: expect.stringMatching(/may not change the current status; only the commander or the scribe may \(commander: Bob\)/),
      }),
    ]);
  });

  it('refuses a pin of something not in the timeline, and an empty status statement', () => {
    const f = new EventFactory();
    const s = fold([f.make('incident.opened', { title: 'x', severity: 'SEV2' }, t)]);
    expect(checkAgainstState(s, 'entry.pinned', { target: 'e_nothere0001', pinned: true }).ok).toBe(false);
    expect(KIND_SCHEMAS['status.statement'].safeParse({ impact: ' ', doing: '', next: '' }).success).toBe(false);
    expect(KIND_SCHEMAS['incident.updated'].safeParse({ reason: 'no change at all' }).success).toBe(false);
  });
});
