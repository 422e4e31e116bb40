import { describe, expect, it } from 'vitest';
import { findLinkArgument } from '../../main/app/deep-link.js';
import { noticeForCadence, noticesFor } from '../../main/app/notices.js';
import { isTrustedSenderUrl } from '../../main/ipc/trusted-sender.js';
import { ViewState } from '../../main/app/view-state.js';
import { placeWindow } from '../../main/app/window-placement.js';
import { printWindowOptions, windowOptions } from '../../main/electron/window-security.js';
import { fold } from '../../src/incident/fold.js';
import { EventFactory } from '../helpers/events.js';

describe('trusted IPC sender', () => {
  const index = 'file:///opt/War%20Room/resources/app.asar/dist/renderer/index.html';
  it('accepts only our own renderer page from disk', () => {
    expect(isTrustedSenderUrl(index, index)).toBe(true);
    expect(isTrustedSenderUrl(`${index}#/incident`, index)).toBe(true);
    for (const bad of [
      undefined,
      '',
      'https://evil.example/index.html',
      'file:///tmp/index.html',
      'file:///opt/War%20Room/resources/app.asar/dist/renderer/other.html',
      'about:blank',
      'not a url',
    ]) {
      expect(isTrustedSenderUrl(bad, index)).toBe(false);
    }
  });
});

describe('window', () => {
  it('comes back where it was, unless that is off every screen now', () => {
    const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    const saved = { x: 100, y: 80, width: 1200, height: 800, maximized: false };
    expect(placeWindow(saved, screen)).toEqual({ x: 100, y: 80, width: 1200, height: 800 });
    expect(placeWindow({ ...saved, x: 3000 }, screen)).toEqual({});
    expect(placeWindow(null, screen)).toEqual({});
  });

  it('cannot be placed in a way that touches its security settings; the print window runs no script at all', () => {
    const opts = windowOptions('/app/preload.cjs', { x: 10, y: 20, width: 900, height: 700 });
    expect(opts).toMatchObject({ x: 10, y: 20, width: 900, height: 700, show: false });
    expect(opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    });
    const print = printWindowOptions();
    expect(print.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(print.webPreferences?.preload).toBeUndefined();
  });

  it('takes the first warroom:// link from a command line', () => {
    expect(findLinkArgument(['/usr/bin/war-room', '--flag', 'warroom://join?hub=x', 'warroom://second'])).toBe('warroom://join?hub=x');
    expect(findLinkArgument(['/usr/bin/war-room', 'https://example.com'])).toBeNull();
  });
});

describe('view state', () => {
  it('remembers last-seen times and rooms, and forgets damaged values instead of failing', () => {
    const data = new Map<string, unknown>();
    const view = new ViewState({ get: (k) => data.get(k), set: (k, v) => void data.set(k, v) });
    expect(view.lastSeen('inc_aaaaaaa')).toBeNull();
    view.setLastSeen('inc_aaaaaaa', 5);
    expect(view.lastSeen('inc_aaaaaaa')).toBe(5);
    view.saveRoom('inc_aaaaaaa', { hubUrl: 'http://127.0.0.1:7311', token: 't', paused: false, hosted: true });
    expect(view.rooms()).toEqual({ inc_aaaaaaa: { hubUrl: 'http://127.0.0.1:7311', token: 't', paused: false, hosted: true } });
    data.set('lastSeen', { inc_aaaaaaa: 'yesterday' });
    data.set('window', { x: 'left' });
    expect(view.lastSeen('inc_aaaaaaa')).toBeNull();
    expect(view.windowBounds()).toBeNull();
    for (let i = 0; i < 250; i++) view.setLastSeen(`inc_${String(i).padStart(7, '0')}`, i);
    expect(Object.keys(data.get('lastSeen') as object)).toHaveLength(200);
    expect(view.lastSeen('inc_0000249')).toBe(249);
  });
});

describe('notices', () => {
  it('announce a teammate confirming a hypothesis or changing the status, never your own', () => {
    const bob = new EventFactory('inc_test000001', 'o_bob0000001', { id: 'u_bob0000001', name: 'Bob' });
    const mine = new EventFactory('inc_test000001', 'o_me00000001', { id: 'u_me00000001', name: 'Me' });
    const opened = mine.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, 1000);
    const h = mine.make('hypothesis.added', { text: 'primary database stalled while replicating to its replicas' }, 2000);
    const confirm = bob.make('hypothesis.status', { target: h.id, status: 'confirmed', evidence: 'replica lag 20 min' }, 3000);
    const status = bob.make('incident.updated', { status: 'identified' }, 4000);
    const myStatus = mine.make('incident.updated', { status: 'monitoring' }, 5000);
    const state = fold([opened, h, confirm, status, myStatus]);
    expect(noticesFor([confirm, status, myStatus], state, 'u_me00000001')).toEqual([
      {
        kind: 'hypothesis-confirmed',
        incident: 'inc_test000001',
        title: 'Confirmed: primary database stalled while replicating to its replicas',
        body: 'Bob: replica lag 20 min',
      },
      { kind: 'status-changed', incident: 'inc_test000001', title: 'Checkout failing is now identified', body: 'by Bob' },
    ]);
  });

  it('turn cadence alerts into "update due" notices', () => {
    const dueAt = Date.UTC(2025, 2, 4, 14, 30);
    expect(noticeForCadence({ type: 'due-soon', incident: 'inc_test000001', title: 'Checkout failing', dueAt, msLeft: 110_000 })).toEqual({
      kind: 'update-due',
      incident: 'inc_test000001',
      title: 'Customer update due in 2 minutes',
      body: 'Checkout failing: customers were promised an update by 14:30 UTC',
    });
    expect(noticeForCadence({ type: 'overdue', incident: 'inc_test000001', title: 'Checkout failing', dueAt }).title).toBe(
      'Customer update overdue',
    );
  });
});
