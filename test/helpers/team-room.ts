import type { DraftAudience, DraftChannel } from '../../src/model/vocabulary.js';
import type { HubOptions } from '../../main/hub/hub-server.js';
import { DraftsService } from '../../main/services/drafts-service.js';
import { makePeer, startTestHub, waitFor, type Peer, type TestHub } from './hub-peers.js';

/** Alice commands, Bob holds comms: two people on one real hub, each with their own log, key and drafts. */
export interface TeamRoom {
  hub: TestHub;
  alice: Peer;
  bob: Peer;
  incident: string;
  drafts: { alice: DraftsService; bob: DraftsService };
  close(): Promise<void>;
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

/** Opens an incident on a fresh hub (or the one given), with Alice commanding and Bob on comms. */
export async function teamRoom(
  options: { hubOptions?: Partial<HubOptions>; hub?: TestHub; title?: string; severity?: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' } = {},
): Promise<TeamRoom> {
  const hub = options.hub ?? (await startTestHub(options.hubOptions));
  const alice = await makePeer('Alice');
  const bob = await makePeer('Bob');
  const opened = must(
    await alice.warRoom.createIncident({
      title: options.title ?? 'Checkout failing for EU customers',
      severity: options.severity ?? 'SEV1',
    }),
  );
  const incident = opened.incident;
  must(await alice.warRoom.record(incident, 'role.assigned', { role: 'commander', person: alice.actor }));
  must(await alice.warRoom.record(incident, 'role.assigned', { role: 'comms', person: bob.actor }));
  alice.connect(hub.hub.url, incident, await hub.invite(incident));
  await alice.client!.whenSynced();
  bob.connect(hub.hub.url, incident, await hub.invite(incident));
  await waitFor(async () => (await bob.warRoom.state(incident)).roles.comms?.id === bob.actor.id, 'Bob to see the roles');
  return {
    hub,
    alice,
    bob,
    incident,
    drafts: { alice: new DraftsService({ warRoom: alice.warRoom }), bob: new DraftsService({ warRoom: bob.warRoom }) },
    async close() {
      await alice.close();
      await bob.close();
      if (!options.hub) await hub.close();
    },
  };
}

/**
 * A customer update written by Alice, marked ready by her, approved by Bob (his own app, after sync), and
 * published by Alice: the whole review the rules ask for, through the real services and the real hub.
 */
export async function publishApproved(
  team: TeamRoom,
  update: { text: string; channel: DraftChannel; audience?: DraftAudience; customer?: string; mailer?: string },
): Promise<{ draftId: string; publication: string }> {
  const { alice, bob, incident, drafts } = team;
  const audience = update.audience ?? 'all';
  const { draftId } = must(
    await drafts.alice.createDraft({
      incident,
      audience,
      channel: update.channel,
      text: update.text,
      ...(update.customer ? { customer: update.customer } : {}),
    }),
  );
  const ack = must(await drafts.alice.view(incident, draftId)).needsAcknowledgement;
  must(await drafts.alice.markReady(incident, draftId, { acknowledged: ack }));
  await waitFor(async () => (await bob.warRoom.state(incident)).drafts[draftId]?.review.state === 'ready', 'Bob to see the draft ready');
  must(await drafts.bob.approve(incident, draftId, { acknowledged: ack }));
  await waitFor(
    async () => (await alice.warRoom.state(incident)).drafts[draftId]?.review.state === 'approved',
    'Alice to see the approval',
  );
  const published = must(await drafts.alice.publish(incident, draftId, update.mailer ? { mailer: update.mailer } : {}));
  await alice.client!.whenSynced();
  return { draftId, publication: published.event.id };
}

/** A draft written and marked ready, never approved: what must never reach a customer. */
export async function readyButUnapproved(team: TeamRoom, text: string, channel: DraftChannel = 'status-page'): Promise<string> {
  const { incident, drafts } = team;
  const { draftId } = must(await drafts.alice.createDraft({ incident, audience: 'all', channel, text }));
  const ack = must(await drafts.alice.view(incident, draftId)).needsAcknowledgement;
  must(await drafts.alice.markReady(incident, draftId, { acknowledged: ack }));
  await team.alice.client!.whenSynced();
  return draftId;
}

export { must };
