import { textDigest } from '../../src/comms/digest.js';
import { draftText, seedUpdate } from '../../src/comms/draft-text.js';
import type { WarRoom } from '../../main/services/war-room.js';
import { EventFactory } from './events.js';
import { ACKNOWLEDGE_ALL } from './review-steps.js';

const BOB = { id: 'u_bob0000001', name: 'Bob' };

/**
 * Gets a draft approved the way the rules require (src/kinds/draft.ts: a second person holding the comms or
 * commander role approves the very text), for tests about what happens after publishing: this war room's
 * actor puts Bob on comms, writes `text` into the draft and marks it ready; Bob's approval arrives as a teammate's event would.
 */
export async function approveByBob(warRoom: WarRoom, incident: string, draft: string, text: string, at: number): Promise<void> {
  const must = (r: { ok: boolean; error?: string }): void => {
    if (!r.ok) throw new Error(r.error);
  };
  const digest = textDigest(text);
  const state = await warRoom.state(incident);
  if (state.roles.comms?.id !== BOB.id) must(await warRoom.record(incident, 'role.assigned', { role: 'comms', person: BOB }));
  if (draftText(state.drafts[draft]!) !== text)
    must(await warRoom.record(incident, 'draft.edited', { target: draft, update: seedUpdate(text) }));
  must(await warRoom.record(incident, 'draft.review', { target: draft, state: 'ready', acknowledged: ACKNOWLEDGE_ALL, digest }));
  const bob = new EventFactory(incident, `o_bob${draft.slice(-7)}`, BOB);
  // After the ready step in the log's (time, counter) order, even when the test's clock stands still.
  const approval = bob.make('draft.review', { target: draft, state: 'approved', acknowledged: ACKNOWLEDGE_ALL, digest }, at);
  const ingested = await warRoom.ingest(incident, [{ ...approval, at: { ms: at, c: 1000 } }]);
  must(ingested);
  if (ingested.ok && ingested.value.rejected.length > 0) throw new Error(ingested.value.rejected.join('; '));
}
