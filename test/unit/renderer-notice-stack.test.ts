import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src/ipc/contract.js';
import { addNotice, BURST_MS, toastTitle, type Toast } from '../../renderer/lib/notice-stack.js';

const confirmed = (n: number): Notice => ({ kind: 'hypothesis-confirmed', incident: 'i_1', title: `Confirmed: H${n}`, body: 'by Bob' });

describe('notices', () => {
  it("coalesces a burst of teammates' updates into one that counts them, newest first in view", () => {
    let t: Toast[] = [];
    t = addNotice(t, confirmed(1), 1000, 1);
    t = addNotice(t, { kind: 'status-changed', incident: 'i_1', title: 'now monitoring', body: 'by Bob' }, 1500, 2);
    t = addNotice(t, confirmed(3), 2000, 3);
    expect(t).toHaveLength(1);
    expect(toastTitle(t[0]!)).toBe('3 updates');
    expect(t[0]!.title).toBe('Confirmed: H3');
    expect(t[0]!.items.map((n) => n.title)).toEqual(['Confirmed: H1', 'now monitoring', 'Confirmed: H3']);
  });

  it('starts a new notice after the burst window, for another incident, and never merges errors', () => {
    let t: Toast[] = [];
    t = addNotice(t, confirmed(1), 0, 1);
    t = addNotice(t, confirmed(2), BURST_MS + 1, 2);
    t = addNotice(t, { ...confirmed(3), incident: 'i_2' }, BURST_MS + 2, 3);
    t = addNotice(t, { kind: 'error', incident: 'i_2', title: 'Not saved', body: 'disk full' }, BURST_MS + 3, 4);
    t = addNotice(t, { kind: 'error', incident: 'i_2', title: 'Not saved', body: 'disk full' }, BURST_MS + 4, 5);
    expect(t.map((x) => x.items.length)).toEqual([1, 1, 1, 1, 1]);
  });
});
