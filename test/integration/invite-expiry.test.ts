import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  newSigner,
  rawSocket,
  signedAuth,
  startTestHub,
  waitFor,
  type TestHub,
} from '../helpers/hub-peers.js';

let hub: TestHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

/**
 * An invite that expires ends the connections it let in, even ones that only listen and never ask for
 * anything (expiry used to be checked only when a request arrived, so a listener kept streaming the room).
 */
describe('an expired invite', () => {
  it('is disconnected by the hub without any request of its own, and the team on a longer invite stays', async () => {
    const lines: string[] = [];
    hub = await startTestHub({ log: (level, message, fields) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`) });
    const ana = await makePeer('ana');
    try {
      const opened = await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers' });
      if (!opened.ok) throw new Error(opened.error);
      const incident = opened.value.incident;
      await ana.connect(hub.hub.url, incident, await hub.invite(incident)).whenSynced();

      const mallory = await newSigner();
      const shortLived = await hub.invite(incident, 'viewer', 1_500);
      const expiresAt = Date.now() + 1_500;
      const listener = rawSocket(hub.hub.url, signedAuth(mallory, shortLived, incident, 'Listener'));
      expect(await connectOutcome(listener)).toEqual({ connected: true });
      const gone = new Promise<{ reason: string; at: number }>((resolve) =>
        listener.once('disconnect', (reason) => resolve({ reason, at: Date.now() })),
      );
      // The listener sends nothing more; the hub ends it on its own.
      const { reason, at } = await gone;
      expect(reason).toBe('io server disconnect');
      expect(at).toBeGreaterThanOrEqual(expiresAt - 50);
      console.info(`expired invite disconnected ${at - expiresAt} ms after its expiry`);
      expect(lines.some((l) => /^info ended a connection: its invite expired .*"code":"expired-token"/.test(l))).toBe(true);

      // Ana's invite has an hour left: she is still connected and still writes.
      const note = await ana.warRoom.record(incident, 'note.added', { text: 'still here' });
      expect(note.ok).toBe(true);
      await waitFor(() => ana.client!.status().unsynced === 0, "ana's note on the hub");
      expect(ana.client!.status().state).toBe('connected');
    } finally {
      await ana.close();
    }
  });
});
