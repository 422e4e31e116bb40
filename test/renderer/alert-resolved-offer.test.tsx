// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetStore, useWarRoom } from '../../renderer/state/store.js';
import { AlertResolvedOffer } from '../../renderer/header/AlertResolvedOffer.js';
import { EventFactory } from '../helpers/events.js';
import type { WarEvent } from '../../src/kinds/event.js';
import type { SyncStatus } from '../../src/ipc/contract.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The hub opened the incident from an alert (its own key), and writes what Alertmanager says next.
const hub = new EventFactory('inc_alertoffer1', 'o_hubpeer0001', { id: 'u_hub00000001', name: 'Alertmanager' });
const ana = new EventFactory('inc_alertoffer1', 'o_anapeer0001', { id: 'u_ana00000001', name: 'Ana' });
const T0 = Date.UTC(2026, 11, 7, 14, 0);
const alert = (status: 'firing' | 'resolved', at: number, endsAt?: number) =>
  hub.make(
    'alert.received',
    {
      source: 'alertmanager',
      status,
      group: 'a'.repeat(64),
      title: 'CheckoutErrors',
      alerts: [{ status, name: 'CheckoutErrors', labels: {}, startsAt: T0, ...(endsAt ? { endsAt } : {}) }],
      startsAt: T0,
      ...(endsAt ? { endsAt } : {}),
    },
    at,
  );
const opened = hub.make('incident.opened', { title: 'CheckoutErrors', severity: 'SEV2' }, T0);

let root: Root;
let host: HTMLElement;
const recorded: unknown[] = [];
const receive = (...events: WarEvent[]) => act(() => useWarRoom.getState().receive(opened.incident, events));
const offer = () => host.querySelector<HTMLButtonElement>('[data-testid="alert-resolved-offer"]');

beforeEach(async () => {
  resetStore();
  recorded.length = 0;
  // The window's bridge as the app's main answers it: the milestone is written by Ana.
  (window as unknown as { warroom: unknown }).warroom = {
    invoke: async (channel: string, payload: { data: { milestone: 'mitigated'; at: number } }) => {
      recorded.push({ channel, payload });
      return { ok: true, value: ana.make('milestone.set', payload.data, T0 + 20 * 60_000) };
    },
    on: () => () => undefined,
  };
  await act(() => {
    const s = useWarRoom.getState();
    s.startOpening(opened.incident);
    s.opened({ incident: opened.incident, events: [opened, alert('firing', T0 + 1_000)], settled: null, lastSeen: Date.now(), issues: [] });
  });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(() => root.render(<AlertResolvedOffer />));
});

afterEach(async () => {
  await act(() => root.unmount());
  host.remove();
});

describe('a resolved alert offers to mark the incident mitigated', () => {
  it('offers nothing while firing; once resolved, one press marks mitigated at the time the alert ended, and the offer goes', async () => {
    expect(offer()).toBeNull();
    const ended = T0 + 12 * 60_000;
    await receive(alert('resolved', T0 + 13 * 60_000, ended));
    expect(offer()?.textContent).toMatch(/Alert resolved .* mark mitigated/);
    await act(async () => offer()!.click());
    expect(recorded).toEqual([
      {
        channel: 'event:record',
        payload: { incident: opened.incident, kind: 'milestone.set', data: { milestone: 'mitigated', at: ended } },
      },
    ]);
    expect(useWarRoom.getState().incidentState?.milestones?.mitigated?.at).toBe(ended);
    expect(offer()).toBeNull();
  });

  it('goes away when the alert fires again, and is never shown to a viewer', async () => {
    await receive(alert('resolved', T0 + 13 * 60_000, T0 + 12 * 60_000));
    expect(offer()).not.toBeNull();
    await receive(alert('firing', T0 + 15 * 60_000));
    expect(offer()).toBeNull();
    await receive(alert('resolved', T0 + 17 * 60_000, T0 + 16 * 60_000));
    expect(offer()).not.toBeNull();
    const viewer: SyncStatus = {
      incident: opened.incident,
      state: 'connected',
      hubUrl: 'http://127.0.0.1:7311',
      unsynced: 0,
      members: [],
      paused: false,
      hosting: false,
      link: null,
      share: null,
      lastSyncedAt: null,
      error: null,
      role: 'viewer',
    };
    await act(() => useWarRoom.getState().setSyncStatus(viewer));
    expect(offer()).toBeNull();
  });
});
