// @vitest-environment happy-dom
import { act, Profiler, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/kinds/index.js';
import { seedUpdate } from '../../src/comms/draft-text.js';
import { resetStore, useWarRoom } from '../../renderer/state/store.js';
import { Timeline } from '../../renderer/timeline/Timeline.js';
import { HypothesisBoard } from '../../renderer/board/HypothesisBoard.js';
import { EventFactory } from '../helpers/events.js';
import type { WarEvent } from '../../src/kinds/event.js';

// React renders inside act() only where it is told it is in a test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const ana = new EventFactory('inc_render0001', 'o_anapeer001', { id: 'u_ana0000001', name: 'Ana' });
const bob = new EventFactory('inc_render0001', 'o_bobpeer001', { id: 'u_bob0000001', name: 'Bob' });
const opened = ana.make('incident.opened', { title: 'Checkout failing', severity: 'SEV2' }, 1_000);
const h1 = bob.make('hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }, 2_000);
const h2 = ana.make('hypothesis.added', { text: 'IP address conflict on the private network' }, 3_000);
const a1 = bob.make('action.added', { text: 'check replica lag on every replica', links: [h1.id], owner: 'Bob' }, 4_000);
const draft = ana.make('draft.created', { title: 'Checkout errors', audience: 'affected', channel: 'email' }, 5_000);

let clock = 10_000;
const later = () => (clock += 1_000);
const receive = (...events: WarEvent[]) => act(() => useWarRoom.getState().receive(opened.incident, events));

/** A co-editor's keystrokes, a customer added, a toast, a teammate's sync status, a focus request elsewhere. */
async function unrelatedToTheBoard(): Promise<void> {
  await receive(ana.make('draft.edited', { target: draft.id, update: seedUpdate('We are investigating.') }, later()));
  await receive(ana.make('impact.added', { customer: 'Acme Corp', level: 'critical' }, later()));
  await receive(ana.make('note.added', { text: 'error rate at 3% on checkout' }, later()));
  await uiChanges();
}

async function uiChanges(): Promise<void> {
  const s = useWarRoom.getState();
  await act(() => s.toast({ kind: 'info', incident: null, title: 'Bob joined', body: '' }));
  await act(() =>
    s.setSyncStatus({
      incident: opened.incident,
      state: 'connected',
      hubUrl: 'http://127.0.0.1:7311',
      unsynced: 1,
      members: [],
      paused: false,
      hosting: true,
      link: null,
      share: null,
      lastSyncedAt: null,
      error: null,
      role: 'editor',
    }),
  );
  await act(() => s.requestFocus('quick-entry'));
  await act(() => s.setImpactSort('name'));
  await act(() => s.setDigestOpen(true));
}

let root: Root | null = null;
let host: HTMLElement;
let renders = 0;

/** Mounts a view under a Profiler: every commit of anything in the view counts as one render. */
async function mount(view: ReactNode): Promise<void> {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(() =>
    root!.render(
      <Profiler id="view" onRender={() => void renders++}>
        {view}
      </Profiler>,
    ),
  );
}

beforeEach(async () => {
  resetStore();
  await act(() => {
    const s = useWarRoom.getState();
    s.startOpening(opened.incident);
    s.opened({ incident: opened.incident, events: [opened, h1, h2, a1, draft], settled: null, lastSeen: Date.now(), issues: [] });
  });
});

afterEach(async () => {
  await act(() => root?.unmount());
  root = null;
  host.remove();
  renders = 0;
});

describe('a view renders again only when what it shows changes', () => {
  it('the timeline: not for a co-editor typing in a draft, a toast, a sync status or a focus request elsewhere; yes for a new entry', async () => {
    await mount(<Timeline />);
    expect(host.querySelector('[data-testid="timeline-scroll"]')).not.toBeNull();
    renders = 0;
    for (let i = 0; i < 5; i++)
      await receive(ana.make('draft.edited', { target: draft.id, update: seedUpdate(`keystroke ${i}`) }, later()));
    await uiChanges();
    expect(renders).toBe(0);

    await receive(bob.make('note.added', { text: 'replica lag at 20 minutes' }, later()));
    expect(renders).toBeGreaterThan(0);
    expect(host.querySelector('[role="search"]')?.textContent).toContain('6 entries');
  });

  it('the board: not for notes, customers, drafts or the window around it; yes when a hypothesis changes status', async () => {
    await mount(<HypothesisBoard />);
    const column = (name: string) => host.querySelector(`section[aria-labelledby="col-${name}"]`)?.textContent ?? '';
    expect(column('open')).toContain('IP address conflict');
    renders = 0;
    await unrelatedToTheBoard();
    expect(renders).toBe(0);

    await receive(ana.make('hypothesis.status', { target: h2.id, status: 'ruled-out', evidence: 'ARP tables clean' }, later()));
    expect(renders).toBeGreaterThan(0);
    expect(column('ruled-out')).toContain('IP address conflict');
    expect(column('ruled-out')).toContain('ARP tables clean');
    renders = 0;
    // A teammate's action testing H1 shows on H1's card.
    await receive(bob.make('action.added', { text: 'fail over to the standby', links: [h1.id] }, later()));
    expect(renders).toBeGreaterThan(0);
    expect(column('open')).toContain('fail over to the standby');
  });

  it('the timeline view assumes every kind that changes a row adds a row of its own: only draft edits have none', () => {
    // renderer/timeline/timeline-view.ts keeps the timeline from rendering for events without a row; a new kind
    // without a row that changes what a row shows must make that view compare more than the row count.
    const rowless = Object.entries(KINDS)
      .filter(([, entry]) => entry.timeline === null)
      .map(([kind]) => kind);
    expect(rowless).toEqual(['draft.edited']);
  });
});
