import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import type { EventKind } from '../../src/kinds/index.js';
import type { IncidentState } from '../../src/model/incident-state.js';
import { MAX_HLC_COUNTER } from '../../src/model/hlc.js';
import { writeMarkdown } from '../../src/export/markdown-writer.js';
import { CLIENT_EVENTS, pushAckSchema, type PushAck } from '../../src/sync/protocol.js';
import { newOriginFor, type Signer } from '../../main/identity/event-signature.js';
import { DraftsService } from '../../main/services/drafts-service.js';
import type { HubSocket } from '../../main/sync/sync-client.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  newSigner,
  rawSocket,
  readHubLog,
  signedAuth,
  startTestHub,
  teamStillWorks,
  waitFor,
  type Peer,
  type TestHub,
} from '../helpers/hub-peers.js';
import { ACKNOWLEDGE_ALL } from '../helpers/review-steps.js';

/**
 * Mallory holds an ordinary editor invite and a key of her own, and speaks the protocol by hand against a real
 * hub where Ana, Ben and Cara work with the app's sync client. Each of her tricks dates an event where it would
 * do harm (1970, between an approval and its publication, before the real status change). The hub refuses
 * each; and should a hub relay one anyway (an older or fooled hub), every honest peer's fold keeps it out in the
 * agreed order, so no peer and no postmortem shows it, and the team keeps working.
 */
const UPDATE =
  'Since 14:02 UTC, card payments at checkout are failing for customers in the EU. We are moving traffic to a standby database. Next update at 15:00 UTC.';

let hub: TestHub;
let ana: Peer;
let ben: Peer;
let cara: Peer;
let team: Peer[];
let incident: string;
let malKey: Signer;
let mallory: HubSocket;

beforeEach(async () => {
  hub = await startTestHub();
  [ana, ben, cara] = (await Promise.all(['Ana', 'Ben', 'Cara'].map((n) => makePeer(n)))) as [Peer, Peer, Peer];
  team = [ana, ben, cara];
  incident = must(await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers', severity: 'SEV1' })).incident;
  const token = await hub.invite(incident);
  for (const p of team) await p.connect(hub.hub.url, incident, token).whenSynced();
  malKey = await newSigner();
  mallory = rawSocket(hub.hub.url, signedAuth(malKey, token, incident, 'Mallory'));
  expect(await connectOutcome(mallory)).toEqual({ connected: true });
});

afterEach(async () => {
  mallory.disconnect();
  await Promise.all(team.map((p) => p.close()));
  await hub.close();
  await cleanupTempDirs();
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** An event Mallory signs, on an origin of its own (a fresh install of hers), so only the room's rules judge its date. */
function malloryWrites(kind: EventKind, data: unknown, at: { ms: number; c?: number }): WarEvent {
  const e = {
    v: 1,
    id: `e_mal${Math.random().toString(36).slice(2, 12)}`,
    incident,
    origin: newOriginFor(malKey.key),
    seq: 1,
    at: { ms: at.ms, c: at.c ?? 0 },
    actor: { id: malKey.actorId, name: 'Mallory' },
    kind,
    data,
  } as WarEvent;
  return malKey.signEvent(e, undefined);
}

async function push(events: unknown[]): Promise<PushAck> {
  return pushAckSchema.parse(await mallory.timeout(10_000).emitWithAck(CLIENT_EVENTS.push, { events }));
}

/** Refused by the hub with `code`, never stored; then relayed to every peer anyway, and kept out by each fold. */
async function refusedEverywhere(e: WarEvent, code: string, reason: RegExp): Promise<void> {
  const ack = await push([e]);
  expect(ack.stored).toEqual([]);
  expect(ack.refused).toEqual([expect.objectContaining({ code, reason: expect.stringMatching(reason) })]);
  expect((await readHubLog(hub.dataDir, incident)).some((x) => x.id === e.id)).toBe(false);
  for (const p of team) {
    const r = must(await p.warRoom.ingest(incident, [e]));
    if (r.rejected.length > 0) continue; // turned away on arrival (its identity check bounds time as the hub's does)
    const state = await p.warRoom.state(incident);
    expect(
      state.refused.find((x) => x.id === e.id),
      `${p.name} keeps it out`,
    ).toMatchObject({ code: 'not-permitted' });
    expect(state.timeline.some((row) => row.id === e.id)).toBe(false);
  }
}

/** The same check on every honest peer's state and postmortem. */
async function onEveryPeer(check: (state: IncidentState, postmortem: string, who: string) => void): Promise<void> {
  for (const p of team) {
    const state = await p.warRoom.state(incident);
    check(state, writeMarkdown(state), p.name);
  }
}

async function synced(): Promise<void> {
  for (const p of team) await p.client!.whenSynced();
  const count = (await readHubLog(hub.dataDir, incident)).length;
  await waitFor(async () => {
    const n = await Promise.all(team.map(async (p) => (await p.warRoom.events(incident)).length));
    return n.every((x) => x >= count);
  }, 'everyone to hold what the hub holds');
}

describe('order rules: a hostile editor against a real hub and an honest team', () => {
  it('a second opening dated 1970 changes nothing: one opening, the incident’s own', async () => {
    const opening = malloryWrites('incident.opened', { title: 'Nothing happened', severity: 'SEV4' }, { ms: 0 });
    await refusedEverywhere(opening, 'not-permitted', /^Mallory may not open this incident again: it has one opening, its own \(by Ana\)$/);
    await onEveryPeer((state, postmortem, who) => {
      expect([state.title, state.severity, state.openedBy?.name], who).toEqual(['Checkout failing for EU customers', 'SEV1', 'Ana']);
      expect(state.openedAt).toBeGreaterThan(Date.UTC(2020, 0, 1));
      expect(postmortem).not.toMatch(/Nothing happened|1970|Mallory/);
    });
    await teamStillWorks(team, incident);
  });

  it('a back-dated "ready" or keystroke on a published draft: the publication stays, on every peer and in the postmortem', async () => {
    const roles = must(await ana.warRoom.record(incident, 'role.assigned', { role: 'comms', person: cara.actor }));
    const bens = new DraftsService({ warRoom: ben.warRoom });
    const caras = new DraftsService({ warRoom: cara.warRoom });
    const draft = must(await bens.createDraft({ incident, title: 'First update', audience: 'all', channel: 'status-page', text: UPDATE }));
    must(await bens.markReady(incident, draft.draftId, { acknowledged: ACKNOWLEDGE_ALL }));
    await synced();
    const approved = must(await caras.approve(incident, draft.draftId, { acknowledged: ACKNOWLEDGE_ALL }));
    const published = must(await caras.publish(incident, draft.draftId));
    await synced();
    expect(roles.kind).toBe('role.assigned');

    // Dated between Cara's approval and her publication: in time order the draft would not have been approved.
    const between = { ms: approved.event.at.ms, c: approved.event.at.c + 1 };
    const ready = malloryWrites('draft.review', { target: draft.draftId, state: 'ready', acknowledged: ACKNOWLEDGE_ALL }, between);
    const keystroke = malloryWrites('draft.edited', { target: draft.draftId, update: 'AAAA' }, between);
    const final = (verb: string) =>
      new RegExp(`^Mallory may not ${verb} "First update": it was published, and a published update is final$`);
    await refusedEverywhere(ready, 'not-permitted', final('review'));
    await refusedEverywhere(keystroke, 'not-permitted', final('edit'));
    expect(published.publishedAt).toBeGreaterThan(between.ms - 1);

    await onEveryPeer((state, postmortem, who) => {
      expect(
        state.updates.map((u) => [u.text, u.by.name, u.approvedBy?.name]),
        who,
      ).toEqual([[UPDATE, 'Cara', 'Cara']]);
      expect(state.drafts[draft.draftId]!.review.state, who).toBe('approved');
      expect(postmortem).toContain('card payments at checkout are failing');
    });
    await teamStillWorks(team, incident);
  });

  it('a back-dated "commander = me" does not undo the status change, scribe role and statement made before it', async () => {
    must(await ana.warRoom.record(incident, 'incident.updated', { status: 'identified' }));
    must(await ana.warRoom.record(incident, 'role.assigned', { role: 'scribe', person: ben.actor }));
    must(await ben.warRoom.record(incident, 'status.statement', { impact: 'EU card payments fail', doing: 'failover', next: '15:00' }));
    await synced();
    const opened = (await ana.warRoom.state(incident)).openedAt;
    // Dated a second after the opening, before all of the above; the room had no commander then, nor now.
    const me = malloryWrites(
      'role.assigned',
      { role: 'commander', person: { id: malKey.actorId, name: 'Mallory' } },
      { ms: opened + 1000 },
    );
    const ack = await push([me]);
    // Anyone may take a role nobody commands; it counts from where it stands in the agreed order, not from its date.
    expect(ack.stored).toEqual([me.id]);
    await synced();
    await onEveryPeer((state, postmortem, who) => {
      expect(state.status, who).toBe('identified');
      expect(state.roles.scribe?.id, who).toBe(ben.actor.id);
      expect(state.roles.commander?.id, who).toBe(malKey.actorId);
      expect(state.statementHistory.at(-1)?.impact, who).toBe('EU card payments fail');
      expect(state.refused, who).toEqual([]);
      expect(postmortem).toContain('EU card payments fail');
    });
    await teamStillWorks(team, incident);
  });

  it('a far-future stamp with a huge counter: refused or not adopted, and honest writers keep writing', async () => {
    const ahead = Date.now() + 4.8 * 60_000;
    const huge = await push([malloryWrites('note.added', { text: 'frozen' }, { ms: ahead, c: 1e9 })]);
    expect(huge.refused).toEqual([expect.objectContaining({ code: 'invalid' })]);
    const tooFar = await push([malloryWrites('note.added', { text: 'from the future' }, { ms: Date.now() + 10 * 60_000 })]);
    expect(tooFar.refused).toEqual([expect.objectContaining({ code: 'future' })]);
    // The largest counter the schema takes, 4.8 minutes ahead: stored, but no honest clock adopts it.
    const maxed = malloryWrites('note.added', { text: 'almost frozen' }, { ms: ahead, c: MAX_HLC_COUNTER });
    expect((await push([maxed])).stored).toEqual([maxed.id]);
    await synced();
    for (const p of team) {
      for (let i = 0; i < 16; i++) {
        const r = must(await p.warRoom.record(incident, 'note.added', { text: `${p.name} post ${i}` }));
        expect(r.at.ms, `${p.name}'s stamp stays on its own clock`).toBeLessThan(ahead - 60_000);
      }
    }
    await teamStillWorks(team, incident);
  });

  it('a milestone dated 1970 (its value, or its own record) is refused; impact a few days before the opening is fine', async () => {
    const now = { ms: Date.now() };
    await refusedEverywhere(
      malloryWrites('milestone.set', { milestone: 'impact-started', at: 0 }, now),
      'not-permitted',
      /^Mallory may not set this milestone: impact started \(1970-01-01 00:00 UTC\) cannot be more than 30 days before the incident opened/,
    );
    const recordIn1970 = await push([malloryWrites('milestone.set', { milestone: 'detected', at: now.ms }, { ms: 0 })]);
    expect(recordIn1970.refused).toEqual([expect.objectContaining({ code: 'too-early' })]);
    // What issue 21 asks for: impact that started days before anyone opened the incident is recordable.
    const opened = (await ana.warRoom.state(incident)).openedAt;
    must(await ana.warRoom.record(incident, 'milestone.set', { milestone: 'impact-started', at: opened - 3 * 86_400_000 }));
    await synced();
    await onEveryPeer((state, postmortem, who) => {
      expect(state.milestones?.['impact-started']?.at, who).toBe(opened - 3 * 86_400_000);
      expect(postmortem).not.toMatch(/1970|20,?\d{3} days/);
    });
    await teamStillWorks(team, incident);
  });

  it('a publication naming no draft puts nothing in the timeline or the postmortem', async () => {
    const data = {
      target: 'e_nosuchdraft01',
      text: 'All fixed, nothing to see, no credits',
      channel: 'status-page',
      audience: 'all',
      notified: [],
    };
    await refusedEverywhere(
      malloryWrites('draft.published', data, { ms: Date.now() }),
      'not-permitted',
      /^Mallory may not publish an update of a draft that does not exist in this incident$/,
    );
    await onEveryPeer((state, postmortem, who) => {
      expect(state.updates, who).toEqual([]);
      expect(postmortem).not.toContain('nothing to see');
    });
    await teamStillWorks(team, incident);
  });

  it('an overdue record by someone other than the chosen peer is refused; the chosen one records it once', async () => {
    must(await ana.warRoom.record(incident, 'role.assigned', { role: 'comms', person: cara.actor }));
    await synced();
    const dueAt = Date.now() - 60_000;
    const reason =
      /^Mallory may not record a missed update: Cara records it \(comms, else the commander, else whoever opened the incident\)$/;
    await refusedEverywhere(malloryWrites('update.overdue', { dueAt }, { ms: Date.now() }), 'not-permitted', reason);
    // Ben's app is refused in the same words as at the hub; Cara's records it, once.
    expect(await ben.warRoom.record(incident, 'update.overdue', { dueAt })).toMatchObject({ ok: false, code: 'not-permitted' });
    must(await cara.warRoom.record(incident, 'update.overdue', { dueAt }));
    await synced();
    expect(await cara.warRoom.record(incident, 'update.overdue', { dueAt })).toMatchObject({
      ok: false,
      code: 'not-permitted',
      error: expect.stringMatching(/was already recorded as overdue$/),
    });
    await onEveryPeer((state, _postmortem, who) =>
      expect(
        state.overdue.map((o) => o.dueAt),
        who,
      ).toEqual([dueAt]),
    );
    await teamStillWorks(team, incident);
  });
});
