import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../main/hub/hub-secret.js';
import { signInvite } from '../../main/hub/invite-token.js';
import { cli } from '../helpers/run-cli.js';
import type { Signer } from '../../main/identity/event-signature.js';
import { cleanupTempDirs, connectOutcome, newSigner, rawSocket, signedAuth, startTestHub, type TestHub } from '../helpers/hub-peers.js';
import type { AuthFunction } from '../../main/sync/raw-handshake.js';

const ROOM = 'inc_room000001';
let hub: TestHub | null = null;
const sockets: { disconnect(): unknown }[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

const keys: Record<string, Signer> = {};
beforeAll(async () => {
  for (const name of ['alice', 'mallory', 'bob', 'carol']) keys[name] = await newSigner();
});

async function tryConnect(url: string, token: string, who: string | AuthFunction) {
  const s = rawSocket(url, typeof who === 'string' ? signedAuth(keys[who]!, token, ROOM) : who);
  sockets.push(s);
  const out = await connectOutcome(s);
  s.disconnect();
  return out;
}

describe('personal invites', () => {
  it('belong to the first person who uses them, also after a hub restart', async () => {
    hub = await startTestHub();
    const token = signInvite(await loadOrCreateSecret(hub.dataDir), {
      room: ROOM,
      role: 'editor',
      exp: Date.now() + 60_000,
      sub: 'p_alice0000001',
    });
    expect(await tryConnect(hub.hub.url, token, 'alice')).toEqual({ connected: true });
    const stolen = await tryConnect(hub.hub.url, token, 'mallory');
    expect(stolen).toMatchObject({ connected: false, code: 'bad-token' });
    expect(stolen.connected === false && stolen.message).toMatch(/already used by someone else/);

    const dataDir = hub.dataDir;
    await hub.close();
    hub = await startTestHub({ dataDir });
    expect(await tryConnect(hub.hub.url, token, 'mallory')).toMatchObject({ connected: false, code: 'bad-token' });
    expect(await tryConnect(hub.hub.url, token, 'alice')).toEqual({ connected: true });
    // Forwarded to Mallory, who declares Alice's id (public in every event): she holds no proof of Alice's key.
    const asAlice = signedAuth(keys.mallory!, token, ROOM, 'Someone', (a) => ({
      ...a,
      actor: { id: keys.alice!.actorId, name: 'Alice' },
      key: keys.alice!.key,
    }));
    expect(await tryConnect(hub.hub.url, token, asAlice)).toMatchObject({ connected: false, code: 'bad-key' });
  });

  it('are what `warroom invite --personal` makes; shared invites stay usable by anyone', async () => {
    hub = await startTestHub();
    const personal = await cli(['invite', '--data-dir', hub.dataDir, '--incident', ROOM, '--role', 'editor', '--personal']);
    expect(personal.code).toBe(0);
    expect(personal.stderr).toMatch(/personal editor/);
    expect(await tryConnect(hub.hub.url, personal.stdout, 'bob')).toEqual({ connected: true });
    expect(await tryConnect(hub.hub.url, personal.stdout, 'carol')).toMatchObject({ connected: false, code: 'bad-token' });

    const shared = (await cli(['invite', '--data-dir', hub.dataDir, '--incident', ROOM, '--role', 'editor'])).stdout;
    expect(await tryConnect(hub.hub.url, shared, 'bob')).toEqual({ connected: true });
    expect(await tryConnect(hub.hub.url, shared, 'carol')).toEqual({ connected: true });
  });
});
