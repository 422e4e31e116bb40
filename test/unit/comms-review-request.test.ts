import { describe, expect, it } from 'vitest';
import { checkAgainstState } from '../../src/incident/commands.js';
import { fold } from '../../src/incident/fold.js';
import { permits } from '../../src/kinds/rules.js';
import { rulesViewOf } from '../../src/kinds/rules-view.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { EventFactory } from '../helpers/events.js';

const T0 = Date.UTC(2025, 2, 3, 14, 2);
const MIN = 60_000;
const ALICE = { id: 'u_alice00001', name: 'Alice' };
const BOB = { id: 'u_bob0000001', name: 'Bob' };

/** Alice writes a draft and marks it ready; Bob holds the commander role. */
function readyDraft() {
  const alice = new EventFactory('inc_test000001', 'o_alice0', ALICE);
  const bob = new EventFactory('inc_test000001', 'o_bob000', BOB);
  const open = alice.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, T0);
  const draft = alice.make('draft.created', { title: 'Status page', audience: 'all', channel: 'status-page' }, T0 + MIN);
  const events: WarEvent[] = [
    open,
    bob.make('role.assigned', { role: 'commander', person: BOB }, T0 + 2 * MIN),
    draft,
    alice.make('draft.review', { target: draft.id, state: 'ready', acknowledged: [] }, T0 + 3 * MIN),
  ];
  return { alice, bob, events, draft: draft.id };
}

describe('request review from the commander or comms lead', () => {
  it('records who is asked, and clears once they approve or send it back, or it is published', () => {
    const { alice, bob, events, draft } = readyDraft();
    const ask = alice.make('draft.review-requested', { target: draft, reviewer: BOB }, T0 + 4 * MIN);
    const asked = fold([...events, ask]);
    expect(asked.drafts[draft]!.reviewRequest).toEqual({ reviewer: BOB, by: ALICE, at: T0 + 4 * MIN });
    expect(asked.timeline.at(-1)).toMatchObject({
      kind: 'draft.review-requested',
      text: 'review requested from Bob',
      subject: 'Status page',
    });
    const approved = fold([...events, ask, bob.make('draft.review', { target: draft, state: 'approved', acknowledged: [] }, T0 + 5 * MIN)]);
    expect(approved.drafts[draft]!.reviewRequest).toBeNull();
    const sentBack = fold([...events, ask, bob.make('draft.review', { target: draft, state: 'editing', acknowledged: [] }, T0 + 5 * MIN)]);
    expect(sentBack.drafts[draft]!.reviewRequest).toBeNull();
  });

  it('refuses, with the reason, a reviewer without the role, the writer who marked it ready, or a draft not ready', () => {
    const { events, draft, alice, bob } = readyDraft();
    // What the window asks before it offers the request: the very rule the gate applies on every road.
    const asks = (events_: WarEvent[], reviewer: { id?: string; name: string }) =>
      permits(rulesViewOf(fold(events_)), ALICE, 'draft.review-requested', { target: draft, reviewer });
    expect(asks(events, BOB)).toBeNull();
    expect(asks(events, { name: 'Carol' })).toEqual({
      code: 'not-permitted',
      reason: 'Carol holds neither the commander nor the comms role; only they may approve customer updates',
    });
    // A same-named stranger with another key is not Bob.
    expect(asks(events, { id: 'u_mallory001', name: 'Bob' })).toMatchObject({ code: 'not-permitted' });
    // Bob, the commander, gives Alice the comms role (since roles are enforced, she cannot take it herself).
    const aliceCommands = [...events, bob.make('role.assigned', { role: 'comms', person: ALICE }, T0 + 4 * MIN)];
    expect(asks(aliceCommands, ALICE)).toMatchObject({
      code: 'not-permitted',
      reason: expect.stringMatching(/Alice marked this draft ready/),
    });
    const editing = [...events, alice.make('draft.review', { target: draft, state: 'editing', acknowledged: [] }, T0 + 4 * MIN)];
    expect(asks(editing, BOB)).toMatchObject({ code: 'not-permitted', reason: expect.stringMatching(/not marked ready/) });
    expect(checkAgainstState(fold(events), 'draft.review-requested', { target: draft, reviewer: BOB })).toEqual({
      ok: true,
      value: undefined,
    });
    // A peer's request that the rules refuse is kept out by every peer's fold alike, and listed as refused.
    const request = alice.make('draft.review-requested', { target: draft, reviewer: { name: 'Carol' } }, T0 + 4 * MIN);
    const stale = fold([...events, request]);
    expect(stale.drafts[draft]!.reviewRequest).toBeNull();
    expect(stale.refused).toEqual([expect.objectContaining({ id: request.id, code: 'not-permitted' })]);
  });
});

describe('removing a customer is a retraction that can be undone', () => {
  it('restores the customer with everything recorded about them, and refuses to restore one that is on the list', () => {
    const f = new EventFactory();
    const open = f.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, T0);
    const acme = f.make('impact.added', { customer: 'Acme Corp', level: 'critical', credit: 'one month' }, T0 + MIN);
    const removed = [open, acme, f.make('entry.retracted', { target: acme.id, reason: 'removed from the customer list' }, T0 + 2 * MIN)];
    expect(fold(removed).impacts[acme.id]!.retracted).not.toBeNull();
    expect(checkAgainstState(fold([open, acme]), 'impact.restored', { target: acme.id })).toMatchObject({
      ok: false,
      error: 'Acme Corp is on the customer list; there is nothing to restore',
    });
    expect(checkAgainstState(fold(removed), 'impact.restored', { target: acme.id }).ok).toBe(true);
    const back = fold([...removed, f.make('impact.restored', { target: acme.id }, T0 + 3 * MIN)]);
    expect(back.impacts[acme.id]).toMatchObject({ customer: 'Acme Corp', credit: 'one month', retracted: null });
    expect(back.timeline.find((r) => r.id === acme.id)!.retracted).toBe(false);
    expect(back.timeline.at(-1)).toMatchObject({ text: 'back on the customer list', subject: 'Acme Corp' });
  });
});

describe('the reviewer is told', () => {
  it('gives the person asked a notice, and nobody else', async () => {
    const { noticesFor } = await import('../../main/app/notices.js');
    const { alice, events, draft } = readyDraft();
    const ask = alice.make('draft.review-requested', { target: draft, reviewer: BOB }, T0 + 4 * MIN);
    const state = fold([...events, ask]);
    expect(noticesFor([ask], state, BOB.id)).toEqual([
      {
        kind: 'review-requested',
        incident: 'inc_test000001',
        title: 'Your approval is needed: Status page',
        body: 'Alice asks you to approve this customer update before it goes out.',
      },
    ]);
    expect(noticesFor([ask], state, 'u_carol00001')).toEqual([]);
    expect(noticesFor([ask], state, ALICE.id)).toEqual([]);
  });

  it('lists what waits for whom, and when it is overdue', async () => {
    const { waitingReviews, REVIEW_OVERDUE_MS } = await import('../../src/comms/review-requests.js');
    const { alice, events, draft } = readyDraft();
    const state = fold([...events, alice.make('draft.review-requested', { target: draft, reviewer: BOB }, T0 + 4 * MIN)]);
    expect(waitingReviews(state, T0 + 5 * MIN, BOB).map((w) => [w.draft.id, w.overdue])).toEqual([[draft, false]]);
    expect(waitingReviews(state, T0 + 4 * MIN + REVIEW_OVERDUE_MS, BOB).map((w) => w.overdue)).toEqual([true]);
    expect(waitingReviews(state, T0 + 5 * MIN, ALICE)).toEqual([]);
    expect(waitingReviews(state, T0 + 5 * MIN)).toHaveLength(1);
  });
});
