import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CadenceWatcher, type CadenceAlert, type TimerFunctions } from '../../main/services/cadence-watcher.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { tempDir } from '../helpers/temp-dir.js';
import { approveByBob } from '../helpers/second-approver.js';

const T0 = Date.UTC(2025, 2, 3, 14, 2);
const MIN = 60_000;

/** A clock the test moves by hand; timers fire, in time order, only when it is advanced past them. */
class FakeClock {
  t = T0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  readonly now = (): number => this.t;
  readonly timerFns: TimerFunctions = {
    setTimeout: (fn, ms) => {
      const id = this.nextId++;
      this.timers.set(id, { at: this.t + ms, fn });
      return id;
    },
    clearTimeout: (handle) => void this.timers.delete(handle as number),
  };

  get pending(): number[] {
    return [...this.timers.values()].map((t) => t.at).sort((a, b) => a - b);
  }

  /** Moves to `target`, firing every timer due on the way and letting the watcher finish what each one started. */
  async advanceTo(target: number, settle: () => Promise<void>): Promise<void> {
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
      await settle();
    }
    this.t = target;
    await settle();
  }
}

describe('CadenceWatcher with a fake clock on a real war room', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let clock: FakeClock;
  let warRoom: WarRoom;
  let watcher: CadenceWatcher;
  let alerts: (CadenceAlert & { heardAt: number })[];
  const actor = { id: 'u_alice00001', name: 'Alice' };

  const open = (): { warRoom: WarRoom; watcher: CadenceWatcher } => {
    const w = new WarRoom({ store: new IncidentLogStore(dir.path), actor: () => actor, now: clock.now });
    const cw = new CadenceWatcher({
      warRoom: w,
      now: clock.now,
      timers: clock.timerFns,
      onError: (_i, e) => {
        throw e;
      },
    });
    cw.onAlert((a) => alerts.push({ ...a, heardAt: clock.t }));
    return { warRoom: w, watcher: cw };
  };
  const advanceTo = (t: number) => clock.advanceTo(t, () => watcher.idle());
  const overdueOnDisk = async (incident: string) =>
    (await new IncidentLogStore(dir.path).read(incident)).events
      .filter((e) => e.kind === 'update.overdue')
      .map((e) => (e.data as { dueAt: number }).dueAt);

  beforeEach(async () => {
    dir = await tempDir();
    clock = new FakeClock();
    alerts = [];
    ({ warRoom, watcher } = open());
  });
  afterEach(async () => {
    watcher.stop();
    await warRoom.close();
    await dir.cleanup();
  });

  it('counts down, notifies 2 minutes before, records the overdue update once, and survives a restart', async () => {
    const opened = await warRoom.createIncident({ title: 'Checkout failing', severity: 'SEV1' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    await watcher.start();
    expect(clock.pending).toEqual([T0 + 28 * MIN]);
    expect(await watcher.countdown(incident)).toMatchObject({ dueAt: T0 + 30 * MIN, label: 'next update in 30:00', overdue: false });

    await advanceTo(T0 + 28 * MIN - 1);
    expect(alerts).toEqual([]);
    expect((await watcher.countdown(incident)).label).toBe('next update in 2:01');
    await advanceTo(T0 + 28 * MIN);
    expect(alerts).toEqual([
      { type: 'due-soon', incident, title: 'Checkout failing', dueAt: T0 + 30 * MIN, msLeft: 2 * MIN, heardAt: T0 + 28 * MIN },
    ]);
    expect(await watcher.countdown(incident)).toMatchObject({ dueSoon: true, label: 'next update in 2:00' });

    await advanceTo(T0 + 30 * MIN - 1);
    expect(alerts).toHaveLength(1);
    expect(await overdueOnDisk(incident)).toEqual([]);
    await advanceTo(T0 + 30 * MIN);
    expect(alerts[1]).toEqual({ type: 'overdue', incident, title: 'Checkout failing', dueAt: T0 + 30 * MIN, heardAt: T0 + 30 * MIN });
    expect(await overdueOnDisk(incident)).toEqual([T0 + 30 * MIN]);
    const state = await warRoom.state(incident);
    expect(state.overdue).toEqual([{ dueAt: T0 + 30 * MIN, at: T0 + 30 * MIN }]);
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'update.overdue', status: 'overdue' });

    // Time passes, other events arrive: still one record for the one missed promise.
    await advanceTo(T0 + 40 * MIN);
    await warRoom.record(incident, 'note.added', { text: 'still working on it' });
    await watcher.check(incident);
    await advanceTo(T0 + 43 * MIN);
    expect(await watcher.countdown(incident)).toMatchObject({ overdue: true, label: 'update overdue by 13 min' });
    expect(alerts).toHaveLength(2);
    expect(await overdueOnDisk(incident)).toEqual([T0 + 30 * MIN]);

    // A restart: the new watcher reads the record from the log and does not write it again.
    watcher.stop();
    await warRoom.close();
    ({ warRoom, watcher } = open());
    await watcher.start();
    await advanceTo(T0 + 50 * MIN);
    expect(alerts).toHaveLength(2);
    expect(await overdueOnDisk(incident)).toEqual([T0 + 30 * MIN]);
  });

  it('re-plans when an update is published or the cadence changes, and stops when resolved', async () => {
    const opened = await warRoom.createIncident({ title: 'Checkout failing', severity: 'SEV1' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    await watcher.start();

    // An update published at 14:22 restarts the 30-minute cadence: due 14:52.
    await advanceTo(T0 + 20 * MIN);
    const draft = await warRoom.record(incident, 'draft.created', { title: 'First update', audience: 'all', channel: 'status-page' });
    if (!draft.ok) throw new Error(draft.error);
    await approveByBob(warRoom, incident, draft.value.id, 'Next update at 14:52 UTC.', clock.t);
    const published = await warRoom.record(incident, 'draft.published', {
      target: draft.value.id,
      text: 'Next update at 14:52 UTC.',
      channel: 'status-page',
      audience: 'all',
    });
    expect(published).toEqual({ ok: true, value: expect.anything() });
    await watcher.idle();
    expect(clock.pending).toEqual([T0 + 48 * MIN]);
    await advanceTo(T0 + 30 * MIN);
    expect(alerts).toEqual([]);
    await advanceTo(T0 + 48 * MIN);
    expect(alerts.map((a) => [a.type, a.dueAt, a.heardAt])).toEqual([['due-soon', T0 + 50 * MIN, T0 + 48 * MIN]]);

    // The team moves to hourly updates: the due time moves to 15:22, announced again 2 minutes before.
    await advanceTo(T0 + 49 * MIN);
    await warRoom.record(incident, 'cadence.set', { minutes: 60 });
    await watcher.idle();
    await advanceTo(T0 + 78 * MIN - 1);
    expect(alerts).toHaveLength(1);
    await advanceTo(T0 + 80 * MIN);
    expect(alerts.map((a) => [a.type, a.dueAt, a.heardAt])).toEqual([
      ['due-soon', T0 + 50 * MIN, T0 + 48 * MIN],
      ['due-soon', T0 + 80 * MIN, T0 + 78 * MIN],
      ['overdue', T0 + 80 * MIN, T0 + 80 * MIN],
    ]);
    // Bob holds comms now: recording the missed update is his window's job (src/kinds/update.ts), so Alice's
    // window tells her and records nothing.
    expect(await overdueOnDisk(incident)).toEqual([]);

    // Resolved: no more promises to keep.
    await warRoom.record(incident, 'incident.updated', { status: 'resolved' });
    await watcher.idle();
    expect(clock.pending).toEqual([]);
    await advanceTo(T0 + 300 * MIN);
    expect(alerts).toHaveLength(3);
    expect(await watcher.countdown(incident)).toMatchObject({ dueAt: null, label: 'no update due' });
  });

  it('watches incidents opened after it started, each on its own schedule', async () => {
    const first = await warRoom.createIncident({ title: 'Checkout failing', severity: 'SEV1' });
    if (!first.ok) throw new Error(first.error);
    await watcher.start();
    await advanceTo(T0 + 5 * MIN);
    const second = await warRoom.createIncident({ title: 'Emails delayed', severity: 'SEV3' });
    if (!second.ok) throw new Error(second.error);
    await watcher.idle();
    await advanceTo(T0 + 36 * MIN);
    expect(alerts.map((a) => [a.type, a.title, a.heardAt])).toEqual([
      ['due-soon', 'Checkout failing', T0 + 28 * MIN],
      ['overdue', 'Checkout failing', T0 + 30 * MIN],
      ['due-soon', 'Emails delayed', T0 + 33 * MIN],
      ['overdue', 'Emails delayed', T0 + 35 * MIN],
    ]);
    watcher.stop();
    expect(clock.pending).toEqual([]);
  });

  it('records an update missed while the app was closed when it starts', async () => {
    const opened = await warRoom.createIncident({ title: 'Checkout failing', severity: 'SEV1' });
    if (!opened.ok) throw new Error(opened.error);
    clock.t = T0 + 45 * MIN;
    await watcher.start();
    await watcher.idle();
    expect(alerts.map((a) => [a.type, a.dueAt])).toEqual([['overdue', T0 + 30 * MIN]]);
    expect(await overdueOnDisk(opened.value.incident)).toEqual([T0 + 30 * MIN]);
  });
});
