import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/model/envelope.js';
import { parseEvent } from '../../src/kinds/event.js';
import { draftDoc, editDraft, replaceDraftText } from '../../src/comms/draft-text.js';
import { DraftsService } from '../../main/services/drafts-service.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { tempDir } from '../helpers/temp-dir.js';

const T0 = Date.UTC(2025, 2, 3, 14, 2);
const MIN = 60_000;
const alice: Actor = { id: 'u_alice00001', name: 'Alice' }; // writes the update
const bob: Actor = { id: 'u_bob0000001', name: 'Bob' }; // holds the comms role
const carol: Actor = { id: 'u_carol00001', name: 'Carol' }; // commander
const dave: Actor = { id: 'u_dave000001', name: 'Dave' }; // no role

const SPECIFIC =
  'Since 14:02 UTC, card payments at checkout are failing for 2 customers. We are moving traffic to a standby database. Next update at 15:00 UTC.';

describe('DraftsService on a real war room', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let warRoom: WarRoom;
  let drafts: DraftsService;
  let me: Actor;
  let now: number;
  let incident: string;
  let impacts: { acme: string; globex: string };

  const as = <T>(who: Actor, work: () => Promise<T>): Promise<T> => {
    me = who;
    return work();
  };
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };

  beforeEach(async () => {
    dir = await tempDir();
    me = alice;
    now = T0;
    warRoom = new WarRoom({ store: new IncidentLogStore(dir.path), actor: () => me, now: () => now });
    drafts = new DraftsService({ warRoom, now: () => now });
    incident = must(
      await warRoom.createIncident({
        title: 'Card payments failing at checkout',
        severity: 'SEV1',
        summary: 'Card payments at checkout are failing',
      }),
    ).incident;
    must(await warRoom.record(incident, 'role.assigned', { role: 'comms', person: { id: bob.id, name: bob.name } }));
    must(await warRoom.record(incident, 'role.assigned', { role: 'commander', person: { id: carol.id, name: 'carol' } }));
    impacts = {
      acme: must(await warRoom.record(incident, 'impact.added', { customer: 'Acme Corp', level: 'critical' })).id,
      globex: must(await warRoom.record(incident, 'impact.added', { customer: 'Globex', level: 'major' })).id,
    };
    now = T0 + 10 * MIN;
  });
  afterEach(async () => {
    await warRoom.close();
    await dir.cleanup();
  });

  async function readyDraft(text = SPECIFIC, acknowledged: string[] = []): Promise<string> {
    const { draftId } = must(await drafts.createDraft({ incident, title: 'First update', audience: 'affected', channel: 'email', text }));
    must(await drafts.markReady(incident, draftId, { acknowledged }));
    return draftId;
  }

  it('starts a draft from the status template, seeded as the first Yjs update, and lints it clean', async () => {
    // Issue 21: "since" comes from when customers were first hit, which someone said.
    must(await warRoom.record(incident, 'milestone.set', { milestone: 'impact-started', at: T0 }));
    const created = must(await drafts.createDraft({ incident, audience: 'affected', channel: 'status-page' }));
    const view = must(await drafts.view(incident, created.draftId));
    expect(view.text).toBe(created.text);
    expect(view.text).toContain('What is affected: Card payments at checkout are failing');
    expect(view.text).toContain('Customers affected: 2 customers');
    expect(view).toMatchObject({
      title: 'Investigating update for affected customers',
      template: 'investigating',
      needsAcknowledgement: [],
      review: { state: 'editing' },
    });
    expect(view.recipients.map((r) => r.customer)).toEqual(['Acme Corp', 'Globex']);
    const state = await warRoom.state(incident);
    expect(state.drafts[created.draftId]!.updates).toHaveLength(1);
    expect(must(await drafts.list(incident)).map((d) => d.id)).toEqual([created.draftId]);
  });

  it("merges two people's concurrent edits through the log without losing either", async () => {
    const { draftId } = must(
      await drafts.createDraft({ incident, audience: 'affected', channel: 'email', text: 'Card payments fail. Next update at 15:00 UTC.' }),
    );
    const base = (await warRoom.state(incident)).drafts[draftId]!.updates;
    const aliceDoc = draftDoc(base);
    const bobDoc = draftDoc(base);
    const a = editDraft(aliceDoc, { index: 0, deleteCount: 0, insert: 'Since 14:02 UTC, ' })!;
    const b = replaceDraftText(bobDoc, 'Card payments at checkout fail. Next update at 15:00 UTC.')!;
    await as(alice, () => drafts.editDraft(incident, draftId, a));
    const merged = must(await as(bob, () => drafts.editDraft(incident, draftId, b)));
    expect(merged.text).toBe('Since 14:02 UTC, Card payments at checkout fail. Next update at 15:00 UTC.');
    expect(must(await drafts.view(incident, draftId)).editors).toEqual(['Alice', 'Bob']);
  });

  it('refuses an edit that is not a Yjs update, or would make the draft too long, and writes nothing', async () => {
    const { draftId } = must(await drafts.createDraft({ incident, audience: 'affected', channel: 'email', text: 'x' }));
    const before = (await warRoom.state(incident)).eventCount;
    expect(await drafts.editDraft(incident, draftId, 'bm90IGEgeWpzIHVwZGF0ZQ==')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a draft update/),
    });
    const doc = draftDoc((await warRoom.state(incident)).drafts[draftId]!.updates);
    expect(
      await drafts.editDraft(incident, draftId, editDraft(doc, { index: 1, deleteCount: 0, insert: 'y'.repeat(10_000) })!),
    ).toMatchObject({
      ok: false,
      error: 'the draft would be 10001 characters; the limit is 10000',
    });
    expect(await drafts.editDraft(incident, 'e_nosuchdraft1', 'AAAA')).toMatchObject({
      ok: false,
      error: `no draft "e_nosuchdraft1" in incident ${incident}`,
    });
    expect((await warRoom.state(incident)).eventCount).toBe(before);
  });

  it('blocks marking ready until every warning is acknowledged, and records which were waived', async () => {
    const text = 'Since 14:02 UTC, card payments at checkout are failing for a small number of customers. Next update at 15:00 UTC.';
    const { draftId } = must(await drafts.createDraft({ incident, title: 'First update', audience: 'affected', channel: 'email', text }));
    expect(must(await drafts.view(incident, draftId)).needsAcknowledgement).toEqual(['minimising-impact']);
    const refused = await drafts.markReady(incident, draftId, { acknowledged: [] });
    expect(refused).toMatchObject({ ok: false, error: 'not marked ready: acknowledge these findings first: minimising-impact (warning)' });
    expect((await warRoom.state(incident)).drafts[draftId]!.review.state).toBe('editing');
    const ready = must(await drafts.markReady(incident, draftId, { acknowledged: ['minimising-impact', 'some-other-rule'] }));
    expect(ready.findings.map((f) => f.rule)).toEqual(['minimising-impact']);
    const review = (await warRoom.state(incident)).drafts[draftId]!.review;
    expect(review).toMatchObject({ state: 'ready', by: alice, acknowledged: ['minimising-impact'], digest: ready.digest });
    expect(await drafts.markReady(incident, draftId, { acknowledged: ['minimising-impact'] })).toMatchObject({
      ok: false,
      error: 'draft "First update" is already ready',
    });
  });

  it('refuses approval by the person who marked it ready', async () => {
    const draftId = await readyDraft();
    const r = await as(alice, () => drafts.approve(incident, draftId));
    // The rule's own words and code, the same on every road (src/kinds/draft.ts).
    expect(r).toMatchObject({ ok: false, code: 'not-permitted', error: 'Alice marked this draft ready; someone else must approve it' });
  });

  it('lets nobody approve through a role given by name only, not even a same-named stranger', async () => {
    const draftId = await readyDraft();
    must(await as(carol, () => warRoom.record(incident, 'role.assigned', { role: 'comms', person: { name: 'Mallory' } })));
    const mallory = { id: 'u_mallory001', name: 'Mallory' };
    expect(await as(mallory, () => drafts.approve(incident, draftId))).toMatchObject({
      ok: false,
      code: 'not-permitted',
      error: expect.stringMatching(/^Mallory holds neither the commander nor the comms role/),
    });
    expect((await warRoom.state(incident)).drafts[draftId]!.review.state).toBe('ready');
  });

  it('refuses approval by someone without the commander or comms role', async () => {
    const draftId = await readyDraft();
    const r = await as(dave, () => drafts.approve(incident, draftId));
    expect(r).toMatchObject({
      ok: false,
      code: 'not-permitted',
      error: 'Dave holds neither the commander nor the comms role (commander: carol, comms: Bob); only they may approve customer updates',
    });
    expect((await warRoom.state(incident)).drafts[draftId]!.review.state).toBe('ready');
  });

  it('makes the approver acknowledge the warnings and errors again', async () => {
    const noNextUpdate = 'Since 14:02 UTC, card payments at checkout are failing for a small number of customers.';
    const draftId = await readyDraft(noNextUpdate, ['no-next-update', 'minimising-impact']);
    expect(await as(carol, () => drafts.approve(incident, draftId, { acknowledged: ['minimising-impact'] }))).toMatchObject({
      ok: false,
      code: 'unacknowledged',
      error: 'not approved: acknowledge these findings first: no-next-update (error)',
    });
    const approved = must(
      await as(carol, () => drafts.approve(incident, draftId, { acknowledged: ['no-next-update', 'minimising-impact'] })),
    );
    expect(approved.event.actor).toEqual(carol);
    expect((await warRoom.state(incident)).drafts[draftId]!.review).toMatchObject({ state: 'approved', by: carol });
  });

  it('publishes an approved draft: records the final text in the timeline and marks the affected customers notified', async () => {
    const draftId = await readyDraft();
    must(await as(bob, () => drafts.approve(incident, draftId)));
    expect(await as(alice, () => drafts.publish(incident, draftId, { channel: 'nope' as never }))).toMatchObject({
      ok: false,
      error: 'channel must be one of status-page, email, social',
    });
    now = T0 + 12 * MIN;
    const published = must(await as(bob, () => drafts.publish(incident, draftId)));
    expect(published).toMatchObject({
      text: SPECIFIC,
      channel: 'email',
      audience: 'affected',
      publishedAt: T0 + 12 * MIN,
      fileName: 'update-first-update-email-20250303-1414z.txt',
    });
    expect(published.notified).toEqual([
      { id: impacts.acme, customer: 'Acme Corp' },
      { id: impacts.globex, customer: 'Globex' },
    ]);

    const state = await warRoom.state(incident);
    expect(state.updates).toEqual([
      expect.objectContaining({
        id: published.event.id,
        draftId,
        at: T0 + 12 * MIN,
        by: bob,
        approvedBy: bob,
        text: SPECIFIC,
        channel: 'email',
        notified: [impacts.acme, impacts.globex],
      }),
    ]);
    expect(state.impacts[impacts.acme]!.notifiedAt).toBe(T0 + 12 * MIN);
    expect(state.impacts[impacts.globex]!.notifiedAt).toBe(T0 + 12 * MIN);
    expect(state.drafts[draftId]!.publishedAt).toBe(T0 + 12 * MIN);
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'draft.published', status: 'published', text: SPECIFIC, subject: 'First update' });
    // It is on disk, not only in memory.
    const onDisk = await new IncidentLogStore(dir.path).read(incident);
    expect(onDisk.events.at(-1)).toMatchObject({
      kind: 'draft.published',
      data: { text: SPECIFIC, notified: [impacts.acme, impacts.globex] },
    });

    const doc = draftDoc(state.drafts[draftId]!.updates);
    expect(await drafts.editDraft(incident, draftId, editDraft(doc, { index: 0, deleteCount: 0, insert: 'x' })!)).toMatchObject({
      ok: false,
      code: 'not-permitted',
      error: expect.stringMatching(/ may not edit "First update": it was published, and a published update is final$/),
    });
    expect(await drafts.publish(incident, draftId)).toMatchObject({
      ok: false,
      code: 'not-permitted',
      error: expect.stringMatching(/ may not publish "First update": it was published, and a published update is final$/),
    });
  });

  it('marks only the named customer notified for a one-customer update', async () => {
    expect(await drafts.createDraft({ incident, audience: 'customer', channel: 'email', text: SPECIFIC })).toMatchObject({
      ok: false,
      error: "a draft for one customer needs the customer's name",
    });
    const { draftId } = must(
      await drafts.createDraft({ incident, audience: 'customer', customer: 'globex', channel: 'email', text: SPECIFIC }),
    );
    must(await drafts.markReady(incident, draftId));
    must(await as(carol, () => drafts.approve(incident, draftId)));
    const published = must(await drafts.publish(incident, draftId));
    expect(published.notified).toEqual([{ id: impacts.globex, customer: 'Globex' }]);
    const state = await warRoom.state(incident);
    expect(state.impacts[impacts.globex]!.notifiedAt).not.toBeNull();
    expect(state.impacts[impacts.acme]!.notifiedAt).toBeNull();
  });

  it('sends an edited draft back to editing: the earlier ready mark no longer counts', async () => {
    const draftId = await readyDraft();
    const doc = draftDoc((await warRoom.state(incident)).drafts[draftId]!.updates);
    must(await drafts.editDraft(incident, draftId, editDraft(doc, { index: 0, deleteCount: 0, insert: 'Update: ' })!));
    expect(await as(bob, () => drafts.approve(incident, draftId))).toMatchObject({
      ok: false,
      code: 'not-permitted',
      error: 'draft "First update" is not marked ready (it is editing)',
    });
  });

  it('an edit that arrives after the ready mark sends the draft back to editing, whatever time it claims', async () => {
    const draftId = await readyDraft();
    const readyEvent = (await warRoom.events(incident)).findLast((e) => e.kind === 'draft.review')!;
    // A teammate's keystroke made just before the ready mark (after the draft's seed), delivered by the hub just after it.
    const doc = draftDoc((await warRoom.state(incident)).drafts[draftId]!.updates);
    const late = parseEvent({
      v: 1,
      id: 'e_zzzzlatekeys1',
      incident,
      origin: 'o_peer000001',
      seq: 1,
      at: { ms: readyEvent.at.ms, c: readyEvent.at.c - 1 },
      actor: dave,
      kind: 'draft.edited',
      data: { target: draftId, update: editDraft(doc, { index: 0, deleteCount: 0, insert: 'URGENT: ' })! },
    });
    must(await warRoom.ingest(incident, [must(late)]));
    // In the room's agreed order the keystroke comes after the ready mark: the review starts over.
    const state = await warRoom.state(incident);
    expect(state.drafts[draftId]!.review.state).toBe('editing');
    expect(await as(bob, () => drafts.approve(incident, draftId))).toMatchObject({ ok: false, code: 'not-permitted' });
    // Marking it ready again (the text differs from what was reviewed) is allowed, and then approval works.
    must(await as(alice, () => drafts.markReady(incident, draftId)));
    must(await as(bob, () => drafts.approve(incident, draftId)));
    expect(must(await drafts.publish(incident, draftId)).text).toBe(`URGENT: ${SPECIFIC}`);
  });

  it('re-checks the approval when publishing, so a forged or stale one from a peer cannot publish', async () => {
    const draftId = await readyDraft();
    const readyAt = (await warRoom.state(incident)).drafts[draftId]!.review;
    // Alice's second machine "approves" her own draft: the hub only checks the schema.
    const forged = parseEvent({
      v: 1,
      id: 'e_forgedapprove1',
      incident,
      origin: 'o_alicelaptop1',
      seq: 1,
      at: { ms: readyAt.at! + 1, c: 5 },
      actor: alice,
      kind: 'draft.review',
      data: { target: draftId, state: 'approved', acknowledged: [], digest: readyAt.digest },
    });
    must(await warRoom.ingest(incident, [must(forged)]));
    // The rules are enforced on every peer (src/kinds/rules.ts): the fold keeps the self-approval out of the
    // state, so the draft is still only ready, and the gate refuses publishing it.
    expect((await warRoom.state(incident)).refused.map((r) => r.id)).toEqual(['e_forgedapprove1']);
    expect(await drafts.publish(incident, draftId)).toMatchObject({
      ok: false,
      code: 'not-permitted',
      error: 'Alice may not publish "First update": it is not approved (it is ready); a second person approves every customer update',
    });
    expect((await warRoom.state(incident)).updates).toEqual([]);
  });

  it('refuses to publish a draft that was never approved', async () => {
    const draftId = await readyDraft();
    expect(await drafts.publish(incident, draftId)).toMatchObject({
      ok: false,
      code: 'not-permitted',
      error: 'Alice may not publish "First update": it is not approved (it is ready); a second person approves every customer update',
    });
  });

  it('saves team templates, previews them, sets the cadence and discards drafts', async () => {
    must(await warRoom.record(incident, 'milestone.set', { milestone: 'impact-started', at: T0 }));
    must(await drafts.saveTemplate(incident, 'investigating', 'We are on it: {affected}, since {since}. Next update at {nextUpdate}.'));
    expect(must(await drafts.preview(incident, 'investigating'))).toBe(
      'We are on it: Card payments at checkout are failing, since 14:02 UTC. Next update at 14:45 UTC.',
    );
    expect(await drafts.saveTemplate(incident, 'bogus' as never, 'x')).toMatchObject({ ok: false, error: 'unknown template "bogus"' });
    must(await drafts.setCadence(incident, 15));
    expect(must(await drafts.preview(incident, 'investigating'))).toContain('Next update at 14:30 UTC'); // 14:12 + 15 min, rounded up
    expect((await drafts.setCadence(incident, 0)).ok).toBe(false);
    const { draftId } = must(await drafts.createDraft({ incident, audience: 'internal', channel: 'email' }));
    must(await drafts.discard(incident, draftId, 'duplicate'));
    expect(must(await drafts.list(incident))).toEqual([]);
    expect(await drafts.markReady(incident, draftId)).toMatchObject({ ok: false, error: expect.stringMatching(/was discarded/) });
    expect(await drafts.createDraft({ incident: 'inc_nosuchone1', audience: 'all', channel: 'email' })).toMatchObject({
      ok: false,
      error: 'no incident "inc_nosuchone1"',
    });
  });

  it('changes audience and channel, dropping the customer name when leaving a one-customer audience', async () => {
    const { draftId } = must(
      await drafts.createDraft({ incident, audience: 'customer', customer: 'Acme Corp', channel: 'email', text: SPECIFIC }),
    );
    must(await drafts.setMeta(incident, draftId, { audience: 'affected', channel: 'status-page', title: 'To everyone hit' }));
    const view = must(await drafts.view(incident, draftId));
    expect(view).toMatchObject({ audience: 'affected', channel: 'status-page', title: 'To everyone hit' });
    expect(view.customer).toBeUndefined();
    expect(await drafts.setMeta(incident, draftId, { audience: 'customer' })).toMatchObject({
      ok: false,
      error: "a draft for one customer needs the customer's name",
    });
  });
});
