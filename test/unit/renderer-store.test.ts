import { beforeEach, describe, expect, it } from 'vitest';
import { resetStore, useWarRoom } from '../../renderer/state/store.js';
import { selectCurrentSync } from '../../renderer/state/selectors.js';
import { EventFactory } from '../helpers/events.js';

const f = new EventFactory();
const opened = f.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, 1000);
const h1 = f.make('hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }, 2000);
const h2 = f.make('hypothesis.added', { text: 'IP address conflict on the private network' }, 3000);
const ruleOut = f.make('hypothesis.status', { target: h2.id, status: 'ruled-out', evidence: 'ARP clean' }, 4000);

const s = () => useWarRoom.getState();

beforeEach(() => resetStore());

describe('renderer store', () => {
  it('folds the opened log and what main pushes meanwhile, with the shared folder', () => {
    s().startOpening(f.incident);
    // Pushed while the log was still loading: kept, shown once the log is in.
    s().receive(f.incident, [h2]);
    expect(s().incidentState).toBeNull();
    s().opened({ incident: f.incident, events: [opened, h1], lastSeen: 1500, issues: [], settled: null });
    const first = s().incidentState!;
    expect(first.hypotheses).toEqual([h1.id, h2.id]);
    expect(s().digestOpen).toBe(true);

    s().receive(f.incident, [ruleOut, ruleOut]);
    const second = s().incidentState!;
    expect(second).not.toBe(first);
    expect(second.entries[h2.id]).toMatchObject({ status: 'ruled-out', evidence: 'ARP clean' });

    // Duplicates and other incidents change nothing (no re-render).
    s().receive(f.incident, [h1]);
    s().receive('inc_other00001', [h1]);
    expect(s().incidentState).toBe(second);
  });

  it('keeps the sync status per incident and a stable local status for unshared ones', () => {
    s().startOpening(f.incident);
    const local = selectCurrentSync(s());
    expect(local).toMatchObject({ state: 'local', unsynced: 0 });
    expect(selectCurrentSync(s())).toBe(local);
    s().setSyncStatus({ ...local!, state: 'connected', hubUrl: 'http://127.0.0.1:7311', unsynced: 2 });
    expect(selectCurrentSync(s())).toMatchObject({ state: 'connected', unsynced: 2 });
  });

  it('caps toasts, counts focus requests, and resets to a fresh store', () => {
    for (let i = 0; i < 8; i++) s().toast({ kind: 'info', incident: null, title: `t${i}`, body: '' });
    expect(s().toasts.map((t) => t.title)).toEqual(['t3', 't4', 't5', 't6', 't7']);
    s().requestFocus('quick-entry');
    const n = s().focus!.n;
    s().requestFocus('quick-entry');
    expect(s().focus).toEqual({ target: 'quick-entry', n: n + 1 });
    s().setFilters({ text: 'firewall' });
    s().setView('board');
    resetStore();
    expect(s()).toMatchObject({ view: 'timeline', toasts: [], current: null, filters: { text: '' } });
  });
});
