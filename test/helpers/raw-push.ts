import type { WarEvent } from '../../src/kinds/event.js';
import { CLIENT_EVENTS, pushAckSchema } from '../../src/sync/protocol.js';
import type { Signer } from '../../main/identity/event-signature.js';
import { connectOutcome, rawSocket, signedAuth, type TestHub } from './hub-peers.js';

/** Pushes events to a hub by hand, as their author (whose key signed them), in the order given; returns the ack. */
export async function pushAs(hub: TestHub, incident: string, author: Signer, events: readonly WarEvent[]) {
  const socket = rawSocket(hub.hub.url, signedAuth(author, await hub.invite(incident, 'editor'), incident, 'Pusher'));
  try {
    const c = await connectOutcome(socket);
    if (!c.connected) throw new Error(c.message);
    return pushAckSchema.parse(await socket.timeout(10_000).emitWithAck(CLIENT_EVENTS.push, { events }));
  } finally {
    socket.disconnect();
  }
}
